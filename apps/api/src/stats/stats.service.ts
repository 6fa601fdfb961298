import { Injectable } from '@nestjs/common';
import { EventStatsRepository } from '@app/events';
import { DeliveryStatsRepository, QueueStatsService } from '@app/webhooks';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface DashboardStats {
  events: Record<string, number>;
  deliveries24h: { since: string; total: number; byStatus: Record<string, number>; successRate: number | null };
  subscriptions: Record<string, number>;
  queues: Record<string, Record<string, number>> | null;
  outbox: { pending: number; oldestSeconds: number } | null;
}

/** What the admin dashboard shows, read in one go. */
@Injectable()
export class StatsService {
  constructor(
    private readonly events: EventStatsRepository,
    private readonly deliveries: DeliveryStatsRepository,
    private readonly queueStats: QueueStatsService,
  ) {}

  async dashboard(now = new Date()): Promise<DashboardStats> {
    const [events, deliveries, subscriptions, queue] = await Promise.all([
      this.events.countByStatus(),
      this.deliveries.deliveriesSince(new Date(now.getTime() - DAY_MS)),
      this.deliveries.subscriptionsByStatus(),
      // Redis down must not blank the whole dashboard: queue figures are then null.
      this.queueStats.refresh().catch(() => null),
    ]);
    return {
      events,
      deliveries24h: { ...deliveries, since: deliveries.since.toISOString() },
      subscriptions,
      queues: queue?.queues ?? null,
      outbox: queue?.outbox ?? null,
    };
  }
}
