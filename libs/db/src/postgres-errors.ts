import { Prisma } from './generated/prisma/client';

/** True when Prisma reports a unique-constraint violation (P2002), whatever the driver. */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === 'P2002';
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}
