import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Worker, type Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { JOB_NAMES, QUEUE_NAMES, QUEUE_OF, createRedis, type JobCatalogue, type JobHandlers, type JobName } from '@app/queue';
import { DeliveryService, FanOutService, scheduledDelay } from '@app/webhooks';

/** Throws unless every job of the catalogue has a handler: a worker that cannot run a job must not boot. */
export function assertEveryJobHandled(handlers: Partial<JobHandlers>): asserts handlers is JobHandlers {
  const missing = JOB_NAMES.filter((name) => typeof handlers[name] !== 'function');
  if (missing.length) throw new Error(`No handler for job(s): ${missing.join(', ')}`);
}

/** BullMQ workers for every queue, dispatching each job to its handler from the catalogue. */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobRunner.name);
  private readonly workers: Worker[] = [];
  private readonly handlers: JobHandlers;

  constructor(
    fanOut: FanOutService,
    delivery: DeliveryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const handlers: Partial<JobHandlers> = {
      'outbox.fan-out': async ({ outboxId }) => {
        await fanOut.fanOut(outboxId);
      },
      'delivery.send': ({ deliveryId }, attemptsMade) => delivery.send(deliveryId, attemptsMade),
    };
    assertEveryJobHandled(handlers);
    this.handlers = handlers;
  }

  onApplicationBootstrap(): void {
    for (const queue of QUEUE_NAMES) {
      const worker = new Worker(queue, async (job: Job) => this.run(job), {
        connection: createRedis(this.config.REDIS_URL),
        prefix: this.config.QUEUE_PREFIX,
        concurrency: queue === QUEUE_OF['delivery.send'] ? this.config.WEBHOOK_CONCURRENCY : 5,
        settings: { backoffStrategy: (attemptsMade, _type, error) => this.backoff(attemptsMade, error) },
      });
      worker.on('error', (error) => this.logger.warn({ err: error, queue }, 'Queue connection error'));
      worker.on('failed', (job, error) => this.logger.debug({ jobId: job?.id, queue, err: error.message }, 'Job attempt failed'));
      this.workers.push(worker);
    }
  }

  private async run(job: Job): Promise<void> {
    const name = job.name as JobName;
    const handler = this.handlers[name] as (payload: JobCatalogue[JobName], attemptsMade: number) => Promise<void>;
    if (!handler) throw new Error(`Unknown job ${job.name}`);
    await handler(job.data as JobCatalogue[JobName], job.attemptsMade);
  }

  /** Delivery failures carry their own delay (schedule ± jitter, or Retry-After); others back off on the schedule. */
  private backoff(attemptsMade: number, error?: Error): number {
    const delay = (error as { delayMs?: unknown } | undefined)?.delayMs;
    if (typeof delay === 'number') return delay;
    return scheduledDelay(this.config.WEBHOOK_RETRY_SCHEDULE, attemptsMade, this.config.WEBHOOK_RETRY_JITTER) || 1000;
  }

  /**
   * Graceful: stop taking jobs and let the in-flight ones finish. This runs in the first shutdown phase;
   * Postgres and Redis connections close in the last (onApplicationShutdown), after it.
   */
  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }
}
