import { Prisma } from './generated/prisma/client';

/** True when Prisma reports a unique-constraint violation (P2002), whatever the driver. */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === 'P2002';
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}

/** True when no connection could start a transaction in time (P2028): the database is saturated. */
export function isTransactionTimeout(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2028';
}
