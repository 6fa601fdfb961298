import type { Prisma } from './generated/prisma/client';
import type { PrismaService, PrismaTx } from './prisma.service';

/**
 * Runs a repository's own SQL (built with `Prisma.sql`) on whichever client holds the work: Prisma, a Prisma
 * transaction (`prismaSql`), or a pg transaction (`PreparedStatements.transaction`). Helpers that serve writes of
 * both kinds take one of these.
 */
export interface SqlRunner {
  query<R>(statement: Prisma.Sql): Promise<R[]>;
}

export function prismaSql(client: PrismaService | PrismaTx): SqlRunner {
  return { query: <R>(statement: Prisma.Sql) => client.$queryRaw<R[]>(statement) };
}
