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

/**
 * True when Postgres ended a transaction because of a concurrent one: a deadlock (40P01) or a serialization failure
 * (40001), raised by pg, by a Prisma raw query (P2010 with the SQLSTATE in its meta) or as Prisma's P2034. The same
 * request sent again can succeed.
 */
export function isTransactionConflict(error: unknown): boolean {
  const conflict = (state: unknown) => state === '40P01' || state === '40001';
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    return error.code === 'P2034' || (error.code === 'P2010' && conflict((error.meta as { code?: unknown } | undefined)?.code));
  }
  return conflict(sqlStateOf(error));
}

/** True when a row the write needed was deleted meanwhile: Prisma's "record not found" for an update (P2025). */
export function isRecordGone(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025';
}

/** True when a row the write refers to was deleted meanwhile: a foreign-key violation (Prisma's P2003, or 23503). */
export function isForeignKeyViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === 'P2003';
  return sqlStateOf(error) === '23503';
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
