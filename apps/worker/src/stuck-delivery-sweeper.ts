import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { QUEUE_OF, QueuesService } from '@app/queue';
import {
  DeliveriesRepository,
  DeliveryQueue,
  OutboxRepository,
  QueueStatsService,
  deliveryLeaseMs,
  fanOutJobId,
  FAN_OUT_JOB_OPTIONS,
} from '@app/webhooks';

/**
 * Re-enqueues fan-outs and pending deliveries whose job vanished (Redis flushed, a crash between commit and enqueue,
 * a send requested while Redis was down), sends held deliveries that an enable missed, and refreshes the queue gauges.
 */
@Injectable()
export class StuckDeliverySweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(StuckDeliverySweeper.name);
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly outbox: OutboxRepository,
    private readonly queue: DeliveryQueue,
    private readonly queues: QueuesService,
    private readonly stats: QueueStatsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = Math.max(1000, Math.min(this.config.STUCK_DELIVERY_AFTER / 2, 30_000));
    this.timer = setInterval(() => void this.tick(), every);
  }

  async tick(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      await this.stats.refresh().catch(() => undefined);
      return (await this.sweepFanOuts()) + (await this.sweepStrayHeld()) + (await this.sweep());
    } catch (error) {
      this.logger.warn({ err: error }, 'Stuck-delivery sweep failed');
      return 0;
    } finally {
      this.running = false;
    }
  }

  /**
   * Outbox rows relayed long ago whose fan-out never finished, and whose job is gone: it died with Redis, ran out of
   * attempts, or has been active for longer than STUCK_DELIVERY_AFTER (a fan-out takes milliseconds: its worker
   * died). A job still waiting is left to run: two fan-outs of one row at once would each take a sequence number for
   * the same delivery, and the subscription would see a gap.
   */
  async sweepFanOuts(): Promise<number> {
    const stuck = await this.outbox.stuckFanOuts(new Date(Date.now() - this.config.STUCK_DELIVERY_AFTER), 500);
    if (!stuck.length) return 0;
    const jobs = this.queues.queue(QUEUE_OF['outbox.fan-out']);
    const deadBefore = Date.now() - this.config.STUCK_DELIVERY_AFTER;
    const lost: string[] = [];
    for (const row of stuck) if (await isJobGone(jobs, fanOutJobId(row), deadBefore)) lost.push(row.id);
    await this.outbox.markRelayed(stuck.map((row) => row.id)); // its relay time moves on, so the next sweep leaves it be
    if (!lost.length) return 0;
    const stamp = Date.now().toString(36);
    await this.queues.addBulk(
      'outbox.fan-out',
      lost.map((outboxId) => ({
        payload: { outboxId },
        jobId: `outbox-${outboxId}-sweep-${stamp}`,
        options: FAN_OUT_JOB_OPTIONS,
      })),
    );
    this.logger.log({ count: lost.length }, 'Re-enqueued fan-outs whose job was gone');
    return lost.length;
  }

  /** Held deliveries whose subscription is active: held by a write that raced an enable (releaseStrayHeld). */
  async sweepStrayHeld(): Promise<number> {
    const stray = await this.deliveries.releaseStrayHeld(new Date(Date.now() - this.config.STUCK_DELIVERY_AFTER), 500);
    if (!stray.length) return 0;
    await this.queue.enqueue(stray, 'held');
    this.logger.log({ count: stray.length }, 'Sent held deliveries of active subscriptions');
    return stray.length;
  }

  async sweep(): Promise<number> {
    const stale = await this.deliveries.stalePending(new Date(Date.now() - this.config.STUCK_DELIVERY_AFTER), 500);
    if (!stale.length) return 0;
    const queue = this.queues.queue(QUEUE_OF['delivery.send']);
    const lost: string[] = [];
    // An active job older than a sender's lease belongs to a worker that died (or never got to claim it). A second
    // job is safe either way: only one job at a time can claim the delivery, so no attempt is sent twice.
    const deadBefore = Date.now() - deliveryLeaseMs(this.config);
    for (const { id } of stale) if (await isJobGone(queue, id, deadBefore)) lost.push(id);
    await this.deliveries.touch(stale.map((s) => s.id));
    if (lost.length) {
      await this.queue.enqueue(lost, 'sweep');
      this.logger.log({ count: lost.length }, 'Re-enqueued deliveries whose job was gone');
    }
    return lost.length;
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

/**
 * True when a job will not run (again): it is missing, finished (completed, or failed for good), or active since
 * before `deadBefore`, on a worker that died.
 */
async function isJobGone(queue: Queue, jobId: string, deadBefore: number): Promise<boolean> {
  const job = await queue.getJob(jobId);
  if (!job) return true;
  const state = await job.getState();
  if (state === 'active') return (job.processedOn ?? 0) < deadBefore;
  return state === 'completed' || state === 'failed' || state === 'unknown';
}
