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
