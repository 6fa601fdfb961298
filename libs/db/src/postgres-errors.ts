import { Prisma } from './generated/prisma/client';

/** The SQLSTATE of an error pg raised, if it is one. */
function sqlStateOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}

/** True when Prisma reports a unique-constraint violation (P2002), whatever the driver. */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === 'P2002';
  return sqlStateOf(error) === '23505';
}

/** No connection for a transaction within its wait: Postgres is saturated or down. */
export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super('No database connection for a transaction', { cause });
  }
}

/**
 * True when a transaction could not start or finish in time: no connection within the wait (Prisma's P2028, or
 * DatabaseUnavailableError), or a statement cancelled by its statement_timeout (57014).
 */
export function isDatabaseBusy(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === 'P2028';
  return sqlStateOf(error) === '57014';
}
