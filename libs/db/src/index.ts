export * from './db.module';
export * from './prisma.service';
export * from './prepared-statements';
export * from './sql-runner';
export { Prisma } from './generated/prisma/client';
export * from './postgres-errors';
export * from './preflight';
export * from './database-health';
