import pg from 'pg';

const SERVER_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';

export function databaseUrl(name: string): string {
  return `${SERVER_URL}/${name}`;
}

/** Unique per run so concurrent runs (CI and a developer) never share a database or a Redis key. */
export function runPrefix(): string {
  return `tt_test_${Date.now().toString(36)}_${process.pid}`;
}

export async function adminClient(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  return client;
}

/** A fresh database cloned from the migrated, seeded template. */
export async function cloneTemplate(template: string, name: string): Promise<string> {
  const admin = await adminClient();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await admin.end();
  }
  return databaseUrl(name);
}

export async function dropDatabasesWithPrefix(prefix: string): Promise<void> {
  const admin = await adminClient();
  try {
    const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${prefix}%`]);
    // Template last: clones are not affected, but a template cannot be dropped while marked as one.
    for (const { datname } of rows.sort((a) => (a.datname.endsWith('_tpl') ? 1 : -1))) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}
