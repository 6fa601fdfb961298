import type { AppConfig } from '@app/config';
import { pingRedis } from '@app/queue/redis';
import { ensureDatabase, isMigrated, redactUrl } from './preflight';

class PreflightError extends Error {
  readonly preflight = true;
}

/**
 * Before booting: are Postgres (migrated) and Redis there? If not, say which, where we looked, and what to do.
 */
export async function preflight(config: AppConfig): Promise<void> {
  try {
    await ensureDatabase(config.DATABASE_URL);
  } catch (error) {
    throw new PreflightError(
      [
        `Postgres is not reachable at ${redactUrl(config.DATABASE_URL)} (${(error as Error).message}).`,
        "Start it with the machine's service: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
        'or with Docker: docker compose -f docker/compose.yml up -d postgres',
        'or point DATABASE_URL at your Postgres.',
      ].join('\n'),
    );
  }
  if (!(await isMigrated(config.DATABASE_URL))) {
    throw new PreflightError(
      [
        `The database at ${redactUrl(config.DATABASE_URL)} has no tables yet.`,
        'Run `npm run db:migrate` (and `npm run db:seed` for the seed timeline), then start again; `npm start` runs both.',
      ].join('\n'),
    );
  }
  try {
    await pingRedis(config.REDIS_URL);
  } catch (error) {
    throw new PreflightError(
      [
        `Redis is not reachable at ${redactUrl(config.REDIS_URL)} (${(error as Error).message}).`,
        'Start it with: redis-server --daemonize yes --port 6379',
        'or with Docker: docker compose -f docker/compose.yml up -d redis',
        'or point REDIS_URL at your Redis.',
      ].join('\n'),
    );
  }
}
