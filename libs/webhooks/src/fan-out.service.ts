import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { EventsRepository } from '@app/events';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveryQueue } from './delivery-queue';
import { OutboxRepository } from './outbox.repository';

/** One committed change → one delivery per matching subscription → one job per delivery. */
@Injectable()
export class FanOutService {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly events: EventsRepository,
    private readonly queue: DeliveryQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async fanOut(outboxId: string): Promise<number> {
    const entry = await this.outbox.findForFanOut(outboxId);
    if (!entry) return 0;
    // The event exactly as it was at the version that caused this change: its revision, which the fan-out
    // statement reads itself; the event as it is now only where that revision is missing.
    const event = !entry.eventId ? null : entry.hasRevision ? 'revision' : await this.events.findByRef(entry.eventId);
    if (!event) {
      await this.outbox.markFannedOut(outboxId);
      return 0;
    }
    const pending = await this.deliveries.fanOut(entry, event, this.config.RELATED_WINDOW_DAYS);
    await this.queue.enqueue(pending);
    await this.outbox.markFannedOut(outboxId);
    return pending.length;
  }
}
