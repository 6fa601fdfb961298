import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/db';

export interface TimelineState {
  version: bigint;
  updatedAt: Date;
}

/** The single timeline_state row: the only thing a conditional feed request reads. */
@Injectable()
export class TimelineStateRepository {
  constructor(private readonly prisma: PrismaService) {}

  async current(): Promise<TimelineState> {
    const rows = await this.prisma.$queryRaw<{ version: bigint; updated_at: Date }[]>`
      SELECT version, updated_at FROM timeline_state WHERE id = 1`;
    const row = rows[0];
    return { version: row?.version ?? 0n, updatedAt: row?.updated_at ?? new Date(0) };
  }
}
