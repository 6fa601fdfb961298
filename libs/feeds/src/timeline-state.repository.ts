import { Injectable } from '@nestjs/common';
import { Prisma, PreparedStatements } from '@app/db';

export interface TimelineState {
  version: bigint;
  updatedAt: Date;
}

/**
 * The timeline's version: the sum of the timeline_state slots, which every committed change bumps one of
 * (see EventWritesRepository.record). The only thing a conditional list or feed request reads, so it runs as a
 * prepared statement on pg rather than through Prisma's raw query path.
 */
@Injectable()
export class TimelineStateRepository {
  constructor(private readonly statements: PreparedStatements) {}

  async current(): Promise<TimelineState> {
    const [row] = await this.statements.query<{ version: string | null; updated_at: Date | null }>(
      Prisma.sql`SELECT sum(version)::bigint AS version, max(updated_at) AS updated_at FROM timeline_state`,
    );
    return { version: BigInt(row?.version ?? 0), updatedAt: row?.updated_at ?? new Date(0) };
  }
}
