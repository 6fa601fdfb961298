import { describe, expect, it } from 'vitest';
import { Prisma } from './generated/prisma/client';
import { isForeignKeyViolation, isRecordGone, isTransactionConflict, isUniqueViolation } from './postgres-errors';

const prismaError = (code: string, meta?: Record<string, unknown>) =>
  new Prisma.PrismaClientKnownRequestError('failed', { code, clientVersion: 'test', meta });

describe('postgres errors', () => {
  it('knows a transaction that lost to a concurrent one, from pg or from Prisma', () => {
    expect(isTransactionConflict({ code: '40P01' })).toBe(true);
    expect(isTransactionConflict({ code: '40001' })).toBe(true);
    expect(isTransactionConflict(prismaError('P2010', { code: '40P01', message: 'deadlock detected' }))).toBe(true);
    expect(isTransactionConflict(prismaError('P2034'))).toBe(true);
  });

  it('does not take other failures for one', () => {
    expect(isTransactionConflict({ code: '23505' })).toBe(false);
    expect(isTransactionConflict(prismaError('P2010', { code: '42P01' }))).toBe(false);
    expect(isTransactionConflict(prismaError('P2002'))).toBe(false);
    expect(isTransactionConflict(new Error('deadlock detected'))).toBe(false);
    expect(isTransactionConflict(undefined)).toBe(false);
    expect(isUniqueViolation(prismaError('P2002'))).toBe(true);
  });

  it('knows a row deleted while a write ran, whether the write needed it or refers to it', () => {
    expect(isRecordGone(prismaError('P2025'))).toBe(true);
    expect(isRecordGone({ code: 'P2025' })).toBe(false);
    expect(isForeignKeyViolation(prismaError('P2003'))).toBe(true);
    expect(isForeignKeyViolation({ code: '23503' })).toBe(true);
    expect(isForeignKeyViolation(prismaError('P2002'))).toBe(false);
  });
});
