import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { ApiKeysService, ROLES, type Role } from '@app/access';
import { APP_CONFIG, ConfigError, type AppConfig } from '@app/config';
import { SecretsResealer } from '@app/webhooks';
import { loadSeed } from '../../../prisma/seed/load';
import { CliModule } from './cli.module';

const USAGE = `Usage: npm run cli -- <command>
  seed                                      load the seed timeline (idempotent)
  keys:create --role <${ROLES.join('|')}> [--name <name>]   mint an API key and print it once
  secrets:reseal                            store every webhook secret sealed with WEBHOOK_SECRETS_KEY (after setting
                                            a key, or with the old one in WEBHOOK_SECRETS_PREVIOUS_KEY to change it)`;

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
    } else if (command === 'secrets:reseal') {
      const report = await app.get(SecretsResealer).resealAll();
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      if (report.unreadable.length) {
        const config = app.get<AppConfig>(APP_CONFIG);
        throw new ConfigError(
          config.WEBHOOK_SECRETS_KEY
            ? `${report.unreadable.length} subscription(s) have a secret that neither WEBHOOK_SECRETS_KEY nor WEBHOOK_SECRETS_PREVIOUS_KEY opens: rotate their secrets`
            : `${report.unreadable.length} subscription(s) have a sealed secret and WEBHOOK_SECRETS_KEY is not set: set it (npm start keeps it in .env) and run this again`,
        );
      }
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
