import pg from 'pg';
import { parse } from 'pg-connection-string';

/** Safe to print: the URL without its password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * Checks that Postgres answers; creates the database when the server is up but the database is missing
 * (a fresh machine), so `npm start` needs no manual step.
 */
export async function ensureDatabase(url: string, timeoutMs = 3000): Promise<'exists' | 'created'> {
  const config = parse(url);
  const database = config.database ?? 'postgres';
  const base = {
    host: config.host ?? undefined,
    port: config.port ? Number(config.port) : undefined,
    user: config.user ?? undefined,
    password: config.password ?? undefined,
    connectionTimeoutMillis: timeoutMs,
  };
  const admin = new pg.Client({ ...base, database: 'postgres' });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount) return 'exists';
    await admin.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
    return 'created';
  } finally {
    await admin.end();
  }
}

/** True when the migrations have been applied (Prisma's table and the schema's are there), false on an empty database. */
export async function isMigrated(url: string, timeoutMs = 3000): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  await client.connect();
  try {
    const { rows } = await client.query<{ migrated: boolean }>(`
      SELECT to_regclass('public._prisma_migrations') IS NOT NULL AND to_regclass('public.api_keys') IS NOT NULL AS migrated`);
    return rows[0]?.migrated === true;
  } finally {
    await client.end();
  }
}
