import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/db';
import type { EventStatus } from '@app/domain';

/** Counts for the admin dashboard. */
@Injectable()
export class EventStatsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async countByStatus(): Promise<Record<EventStatus, number>> {
    const rows = await this.prisma.event.groupBy({ by: ['status'], _count: { _all: true } });
    const counts: Record<EventStatus, number> = { draft: 0, published: 0, retracted: 0, merged: 0 };
    for (const row of rows) counts[row.status] = row._count._all;
    return counts;
  }
}
