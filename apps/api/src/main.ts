import 'reflect-metadata';
import { ConfigError, loadConfig } from '@app/config';
import { preflight } from '@app/db/preflight-check';
import { createApiApp } from './app.factory';

async function main(): Promise<void> {
  const config = loadConfig();
  await preflight(config);
  const app = await createApiApp();
  await app.listen({ port: config.PORT, host: config.HOST });
  const url = await app.getUrl();
  process.stdout.write(`Trade Timeline api listening on ${url.replace('127.0.0.1', 'localhost')} (docs at /docs)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError || (error as { preflight?: boolean }).preflight ? (error as Error).message : String((error as Error).stack ?? error)}\n`,
  );
  process.exit(1);
});
