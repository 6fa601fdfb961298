import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import pg from 'pg';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { QueuesService } from '@app/queue';
import { FAN_OUT_JOB_OPTIONS, OutboxRepository, fanOutJobId, parseOutboxNotice, type OutboxRow } from '@app/webhooks';

const BATCH = 500;
/** Rows held from notifications while a pass waits (on Redis, say); past this, the next sweep finds them instead. */
const MAX_NOTICED = 10_000;

/**
 * Moves committed outbox rows into the queue (job id from the outbox row, so relaying twice enqueues once).
 * Woken by Postgres NOTIFY the moment a write commits, and by a sweep every OUTBOX_SWEEP_INTERVAL.
 * A notification names its row, which goes to the queue without a read of the table; the sweep reads every row
 * not yet relayed (one whose notification was missed, or whose relaying failed). If Redis is down, rows stay in
 * Postgres and go out on a later sweep: nothing is lost.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private listener?: pg.Client;
  private timer?: NodeJS.Timeout;
  private running = false;
  private again = false;
  private stopped = false;
  /** Rows named by notifications since the last pass. */
  private noticed: Pick<OutboxRow, 'id' | 'createdAt'>[] = [];
  private sweepWanted = true;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly queues: QueuesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
    this.timer = setInterval(() => this.wake(), this.config.OUTBOX_SWEEP_INTERVAL);
    this.wake();
  }

  /** Runs a pass now, or right after the current one: a sweep of the table, or only the rows noticed. */
  wake(sweep = true): void {
    if (this.stopped) return;
    if (sweep) this.sweepWanted = true;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.drain()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'Outbox relay pass failed; rows wait for the next pass'))
      .finally(() => {
        this.running = false;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async drain(): Promise<void> {
    const noticed = this.noticed.splice(0);
    if (noticed.length) await this.relay(noticed);
    if (!this.sweepWanted) return;
    this.sweepWanted = false;
    for (;;) {
      const rows = await this.outbox.unrelayed(BATCH);
      if (rows.length) await this.relay(rows);
      if (rows.length < BATCH) return;
    }
  }

  private async relay(rows: Pick<OutboxRow, 'id' | 'createdAt'>[]): Promise<void> {
    await this.queues.addBulk(
      'outbox.fan-out',
      rows.map((row) => ({
        payload: { outboxId: row.id },
        jobId: fanOutJobId(row),
        options: FAN_OUT_JOB_OPTIONS,
      })),
    );
    await this.outbox.markRelayed(rows.map((r) => r.id));
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.config.DATABASE_URL });
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'LISTEN connection lost; sweeping until it is back');
      this.listener = undefined;
      if (!this.stopped) setTimeout(() => void this.listen().catch(() => undefined), 2000).unref();
    });
    client.on('notification', ({ payload }) => {
      const row = parseOutboxNotice(payload);
      const held = row !== null && this.noticed.length < MAX_NOTICED;
      if (held) this.noticed.push(row);
      this.wake(!held);
    });
    await client.connect();
    await client.query('LISTEN outbox');
    this.listener = client;
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.listener?.end().catch(() => undefined);
  }
}
