import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/db';

export interface TimelineState {
  version: bigint;
  updatedAt: Date;
}

/**
 * The timeline's version: the sum of the timeline_state slots, which every committed change bumps one of
 * (see EventWritesRepository.record). The only thing a conditional list or feed request reads.
 */
@Injectable()
export class TimelineStateRepository {
  constructor(private readonly prisma: PrismaService) {}

  async current(): Promise<TimelineState> {
    const rows = await this.prisma.$queryRaw<{ version: bigint | null; updated_at: Date | null }[]>`
      SELECT sum(version)::bigint AS version, max(updated_at) AS updated_at FROM timeline_state`;
    const row = rows[0];
    return { version: row?.version ?? 0n, updatedAt: row?.updated_at ?? new Date(0) };
  }
}
