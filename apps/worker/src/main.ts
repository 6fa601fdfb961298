import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig } from '@app/config';
import { preflight } from '@app/db/preflight-check';
import { Metrics } from '@app/observability';
import { startHealthServer } from './health-server';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfig();
  await preflight(config);
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const server = await startHealthServer(config.WORKER_HEALTH_PORT, config.HOST, app.get(Metrics));
  app.get(Logger).log(`Trade Timeline worker running (health on :${config.WORKER_HEALTH_PORT})`);
  const stop = (): void => {
    server.close();
    // The graceful shutdown (enableShutdownHooks) waits for the deliveries in flight, each bounded by
    // WEBHOOK_TIMEOUT_MS. Should it hang all the same, the process ends here, as after a crash: what was in flight is
    // sent again, under the same webhook-id.
    setTimeout(() => {
      process.stderr.write(`Worker shutdown did not finish within ${config.WORKER_SHUTDOWN_TIMEOUT} ms; exiting\n`);
      process.exit(1);
    }, config.WORKER_SHUTDOWN_TIMEOUT).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError || (error as { preflight?: boolean }).preflight ? (error as Error).message : String((error as Error).stack ?? error)}\n`,
  );
  process.exit(1);
});
