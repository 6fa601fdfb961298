import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { IdempotencyRepository } from '@app/events';
import { Metrics } from '@app/observability';
import { DeliveriesRepository, OutboxRepository } from '@app/webhooks';

/** How often the sweep runs, and how long after boot the first one does. */
const EVERY_MS = 3_600_000;
const FIRST_AFTER_MS = 60_000;
/** Rows per statement, and statements per table per sweep: a sweep holds no lock for long and ends. */
const BATCH = 1000;
const MAX_BATCHES = 100;

export interface RetentionSweep {
  idempotencyRecords: number;
  outboxEntries: number;
  deliveries: number;
}

/**
 * Deletes what has outlived its use, so that no table grows without bound: Idempotency-Key records past
 * IDEMPOTENCY_KEY_TTL, outbox rows fanned out more than OUTBOX_RETENTION ago, and succeeded or failed deliveries (with
 * their attempts) created more than WEBHOOK_DELIVERY_RETENTION ago. Pending and held deliveries stay, however old: they
 * are still owed to their subscriber. Every worker runs it; their batches skip each other's locked rows.
 */
@Injectable()
export class RetentionSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RetentionSweeper.name);
  private timers: NodeJS.Timeout[] = [];
  private running = false;

  constructor(
    private readonly idempotency: IdempotencyRepository,
    private readonly outbox: OutboxRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const first = setTimeout(() => void this.tick(), FIRST_AFTER_MS);
    const every = setInterval(() => void this.tick(), EVERY_MS);
    first.unref();
    every.unref();
    this.timers = [first, every];
  }

  /** One sweep; null when one is already running. */
  async tick(now = new Date()): Promise<RetentionSweep | null> {
    if (this.running) return null;
    this.running = true;
    try {
      const before = (ms: number) => new Date(now.getTime() - ms);
      const swept: RetentionSweep = {
        idempotencyRecords: await drain((limit) => this.idempotency.purgeOlderThan(before(this.config.IDEMPOTENCY_KEY_TTL), limit)),
        outboxEntries: this.config.OUTBOX_RETENTION
          ? await drain((limit) => this.outbox.deleteFannedOutBefore(before(this.config.OUTBOX_RETENTION), limit))
          : 0,
        deliveries: this.config.WEBHOOK_DELIVERY_RETENTION
          ? await drain((limit) => this.deliveries.deleteFinishedBefore(before(this.config.WEBHOOK_DELIVERY_RETENTION), limit))
          : 0,
      };
      this.metrics.retentionDeleted.inc({ table: 'idempotency_records' }, swept.idempotencyRecords);
      this.metrics.retentionDeleted.inc({ table: 'outbox_entries' }, swept.outboxEntries);
      this.metrics.retentionDeleted.inc({ table: 'deliveries' }, swept.deliveries);
      if (swept.idempotencyRecords || swept.outboxEntries || swept.deliveries) this.logger.log(swept, 'Retention sweep deleted old rows');
      return swept;
    } catch (error) {
      this.logger.warn({ err: error }, 'Retention sweep failed; the next one tries again');
      return null;
    } finally {
      this.running = false;
    }
  }

  onModuleDestroy(): void {
    this.timers.forEach((timer) => clearTimeout(timer));
  }
}

/** Runs `batch` until it deletes fewer than a full batch, or MAX_BATCHES times; the total deleted. */
async function drain(batch: (limit: number) => Promise<number>): Promise<number> {
  let total = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const deleted = await batch(BATCH);
    total += deleted;
    if (deleted < BATCH) break;
  }
  return total;
}
