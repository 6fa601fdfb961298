import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/db';
import type { DeliveryStatus, SubscriptionStatus } from './subscription.types';

export interface DeliveryStats {
  since: Date;
  byStatus: Record<DeliveryStatus, number>;
  total: number;
  /** succeeded / (succeeded + failed) over the window; null when nothing finished. */
  successRate: number | null;
}

/** Counts for the admin dashboard: deliveries created since a time, subscriptions by status. */
@Injectable()
export class DeliveryStatsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async deliveriesSince(since: Date): Promise<DeliveryStats> {
    const rows = await this.prisma.delivery.groupBy({ by: ['status'], where: { createdAt: { gte: since } }, _count: { _all: true } });
    const byStatus: Record<DeliveryStatus, number> = { pending: 0, succeeded: 0, failed: 0, held: 0 };
    for (const row of rows) byStatus[row.status] = row._count._all;
    const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
    const finished = byStatus.succeeded + byStatus.failed;
    return { since, byStatus, total, successRate: finished ? byStatus.succeeded / finished : null };
  }

  async subscriptionsByStatus(): Promise<Record<SubscriptionStatus, number>> {
    const rows = await this.prisma.subscription.groupBy({ by: ['status'], _count: { _all: true } });
    const counts: Record<SubscriptionStatus, number> = { active: 0, paused: 0, disabled: 0 };
    for (const row of rows) counts[row.status] = row._count._all;
    return counts;
  }
}
