import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { adminClient, databaseUrl, dropDatabasesWithPrefix, runPrefix } from './databases';

/**
 * Once per test run: migrate a template database (one `prisma migrate deploy`, ~12 s), seed it, and let
 * every test file clone it in milliseconds. At the end, drop every database and Redis key of this run.
 */
/** Loads the seed timeline into the template through the normal write path. */
async function seedTemplate(url: string): Promise<void> {
  const saved = process.env.DATABASE_URL;
  process.env.DATABASE_URL = url;
  try {
    await import('reflect-metadata');
    const { NestFactory } = await import('@nestjs/core');
    const { CliModule } = await import('../../apps/api/src/cli.module');
    const { loadSeed } = await import('../../prisma/seed/load');
    const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
    await loadSeed(app);
    await app.close();
  } finally {
    process.env.DATABASE_URL = saved;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const prefix = runPrefix();
  const template = `${prefix}_tpl`;
  const admin = await adminClient();
  await admin.query(`CREATE DATABASE "${template}"`);
  await admin.end();
  const root = path.resolve(__dirname, '../..');
  const env = { ...process.env, DATABASE_URL: databaseUrl(template) };
  execFileSync('npx', ['prisma', 'migrate', 'deploy'], { cwd: root, env, stdio: 'pipe' });
  await seedTemplate(databaseUrl(template));
  project.provide('runPrefix', prefix);
  project.provide('templateDatabase', template);
  return async () => {
    await dropDatabasesWithPrefix(prefix);
    const { Redis } = await import('ioredis');
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
    redis.disconnect();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    runPrefix: string;
    templateDatabase: string;
  }
}
