import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { QUEUE_NAMES, QUEUE_OF, type JobCatalogue, type JobName } from './job-catalogue';
import { createRedis } from './redis';

const ADD_BULK_CHUNK = 1000;

/** The producer side of every queue, on one shared Redis connection. */
@Injectable()
export class QueuesService implements OnApplicationShutdown {
  readonly connection: Redis;
  private readonly queues = new Map<string, Queue>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.connection = createRedis(config.REDIS_URL);
    // Errors surface through readiness and failed adds; ioredis keeps reconnecting meanwhile.
    this.connection.on('error', () => undefined);
  }

  get prefix(): string {
    return this.config.QUEUE_PREFIX;
  }

  queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.config.QUEUE_PREFIX });
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  all(): Queue[] {
    return QUEUE_NAMES.map((name) => this.queue(name));
  }

  /** Adds a job whose id makes a second add of the same work a no-op. */
  async add<J extends JobName>(name: J, payload: JobCatalogue[J], jobId: string, options: JobsOptions = {}): Promise<void> {
    await this.queue(QUEUE_OF[name]).add(name, payload, { jobId, removeOnComplete: 1000, removeOnFail: 5000, ...options });
  }

  /** In chunks: a fan-out to thousands of subscriptions, or a large replay, never builds one huge Redis pipeline. */
  async addBulk<J extends JobName>(name: J, jobs: { payload: JobCatalogue[J]; jobId: string; options?: JobsOptions }[]): Promise<void> {
    for (let start = 0; start < jobs.length; start += ADD_BULK_CHUNK) {
      await this.queue(QUEUE_OF[name]).addBulk(
        jobs.slice(start, start + ADD_BULK_CHUNK).map((job) => ({
          name,
          data: job.payload,
          opts: { jobId: job.jobId, removeOnComplete: 1000, removeOnFail: 5000, ...job.options },
        })),
      );
    }
  }

  async ping(): Promise<void> {
    await this.connection.ping();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.connection.disconnect();
  }
}
