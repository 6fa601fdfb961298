import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { QueuesService } from '@app/queue';

/** Puts deliveries on the queue with the retry policy attached; ids only, never payloads or secrets. */
@Injectable()
export class DeliveryQueue {
  constructor(
    private readonly queues: QueuesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * `reason` makes the job id unique per request (a re-send after a finished job); fan-out uses the
   * delivery id alone so that running it twice enqueues once.
   */
  async enqueue(ids: string[], reason?: string): Promise<void> {
    const suffix = reason ? `-${reason}-${Date.now().toString(36)}` : '';
    await this.queues.addBulk(
      'delivery.send',
      ids.map((deliveryId) => ({
        payload: { deliveryId },
        jobId: `${deliveryId}${suffix}`,
        options: { attempts: this.config.WEBHOOK_RETRY_SCHEDULE.length, backoff: { type: 'webhook' } },
      })),
    );
  }
}
