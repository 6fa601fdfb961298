import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { migrationAdapter } from './prisma/pg-adapter';

const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/trade_timeline';
process.env.DATABASE_URL ??= DEFAULT_DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  adapter: () => Promise.resolve(migrationAdapter(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL)),
});
