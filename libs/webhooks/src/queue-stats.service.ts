import { Injectable } from '@nestjs/common';
import { Metrics } from '@app/observability';
import { QueuesService } from '@app/queue';
import { OutboxRepository } from './outbox.repository';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized', 'waiting-children'] as const;

/** Refreshes the queue-depth and outbox-lag gauges (on each scrape, and periodically in the worker). */
@Injectable()
export class QueueStatsService {
  constructor(
    private readonly queues: QueuesService,
    private readonly outbox: OutboxRepository,
    private readonly metrics: Metrics,
  ) {}

  async refresh(): Promise<{ queues: Record<string, Record<string, number>>; outbox: { pending: number; oldestSeconds: number } }> {
    const queues: Record<string, Record<string, number>> = {};
    await Promise.all(
      this.queues.all().map(async (queue) => {
        const counts = await queue.getJobCounts(...STATES);
        queues[queue.name] = counts;
        for (const [state, count] of Object.entries(counts)) this.metrics.queueDepth.set({ queue: queue.name, state }, count);
      }),
    );
    const outbox = await this.outbox.lag();
    this.metrics.outboxLag.set(outbox.oldestSeconds);
    this.metrics.outboxPending.set(outbox.pending);
    return { queues, outbox };
  }
}
