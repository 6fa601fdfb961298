import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { ApiKeysService, ROLES, type Role } from '@app/access';
import { ConfigError } from '@app/config';
import { loadSeed } from '../../../prisma/seed/load';
import { CliModule } from './cli.module';

const USAGE = `Usage: npm run cli -- <command>
  seed                                      load the seed timeline (idempotent)
  keys:create --role <${ROLES.join('|')}> [--name <name>]   mint an API key and print it once`;

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  try {
    if (command === 'seed') {
      const report = await loadSeed(app);
      process.stdout.write(
        `Seed timeline: ${report.created} events created, ${report.skipped} already there, ${report.relationsAdded} relations added\n`,
      );
    } else if (command === 'keys:create') {
      const { values } = parseArgs({ args: rest, options: { role: { type: 'string' }, name: { type: 'string' } } });
      const role = values.role as Role | undefined;
      if (!role || !ROLES.includes(role)) throw new ConfigError(`--role must be one of ${ROLES.join(', ')}\n${USAGE}`);
      const key = await app.get(ApiKeysService).create(values.name ?? `${role} key (cli)`, role, { keyId: null, name: 'cli' });
      process.stdout.write(`${JSON.stringify({ id: key.id, name: key.name, role: key.role, key: key.key }, null, 2)}\n`);
    } else {
      throw new ConfigError(`Unknown command "${command}"\n${USAGE}`);
    }
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error).stack ?? error)}\n`);
  process.exit(1);
});
