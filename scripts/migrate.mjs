// `npm run db:migrate`: creates the database if it is missing, then applies Prisma migrations
// (`prisma migrate deploy`), with the settings of .env where the environment has none, as `npm start` has them.
import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import pg from 'pg';
import { parse } from 'pg-connection-string';
import { loadEnvFile } from './env-file.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
loadEnvFile(path.join(root, '.env'));
const url = process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/trade_timeline';
const config = parse(url);
const database = config.database ?? 'trade_timeline';

const admin = new pg.Client({
  host: config.host ?? undefined,
  port: config.port ? Number(config.port) : undefined,
  user: config.user ?? undefined,
  password: config.password ?? undefined,
  database: 'postgres',
  connectionTimeoutMillis: 3000,
});
try {
  await admin.connect();
} catch (error) {
  console.error(`Postgres is not reachable for ${url.replace(/:[^:@/]*@/, ':***@')} (${error.message}).`);
  console.error('Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start');
  console.error('or with Docker: docker compose -f docker/compose.yml up -d postgres');
  process.exit(1);
}
const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
if (!found.rowCount) {
  await admin.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  console.log(`Created database ${database}`);
}
await admin.end();

execSync('npx prisma migrate deploy', { cwd: root, stdio: 'inherit', env: { ...process.env, DATABASE_URL: url } });
