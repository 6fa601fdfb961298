import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../libs/config/src';
import { preflight } from '../libs/db/src/preflight-check';
import { createTestEnv } from './support/harness';

// What `npm run start:api` or `start:worker` says before booting (apps/*/src/main.ts): a database that was created
// but never migrated gets the command to run, not a stack trace from the first query.
describe('preflight', () => {
  it('passes on a migrated database', async () => {
    const env = await createTestEnv();
    await expect(preflight(loadConfig({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl }))).resolves.toBeUndefined();
  });

  it('creates a missing database, then says it has no tables and how to make them', async () => {
    const env = await createTestEnv();
    const url = new URL(env.databaseUrl);
    url.pathname = `/${inject('runPrefix')}_empty_${randomBytes(4).toString('hex')}`;
    const config = loadConfig({ DATABASE_URL: url.toString(), REDIS_URL: env.redisUrl });
    const failure = await preflight(config).then(
      () => new Error('preflight passed'),
      (error: Error) => error,
    );
    expect(failure.message).toContain('has no tables yet');
    expect(failure.message).toContain('npm run db:migrate');
    expect((failure as Error & { preflight?: boolean }).preflight).toBe(true);
  });
});
