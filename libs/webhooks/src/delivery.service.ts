import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { Metrics } from '@app/observability';
import { Coalescer } from './coalescer';
import { DeliveriesRepository, type AttemptRecord } from './deliveries.repository';
import type { DeliveryToSend } from './subscription.types';
import { nextDelay } from './retry-policy';
import { SecretBox } from './secret-box';
import { webhookHeaders } from './signing';
import { SubscriptionsRepository } from './subscriptions.repository';
import { DeliveryAttemptFailed, WebhookSender } from './webhook-sender';

/** How long a sender's claim on a delivery lasts: the attempt's timeout plus room to record its outcome. */
export function deliveryLeaseMs(config: Pick<AppConfig, 'WEBHOOK_TIMEOUT_MS'>): number {
  return config.WEBHOOK_TIMEOUT_MS + 10_000;
}

/**
 * Sends one delivery: load it (and the secrets) from Postgres, sign, POST, record the attempt, decide
 * what comes next. A failure that should be retried throws, so the queue's retry policy fires.
 */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger(DeliveryService.name);

  /** Concurrent sends share their claim and record round trips (see Coalescer). */
  private readonly claims: Coalescer<string, DeliveryToSend | null>;
  private readonly records: Coalescer<AttemptRecord, void>;

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly sender: WebhookSender,
    private readonly metrics: Metrics,
    private readonly box: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.claims = new Coalescer((ids) => this.deliveries.claimForSend(ids, deliveryLeaseMs(this.config)));
    this.records = new Coalescer<AttemptRecord, void>(async (records) => {
      await this.deliveries.recordAttempts(records);
      return records.map(() => undefined);
    });
  }

  /** `attemptsMade` is how many times the queue already ran this job (0 on the first run). */
  async send(deliveryId: string, attemptsMade: number): Promise<void> {
    const delivery = await this.claims.call(deliveryId);
    if (!delivery) return; // deleted, already sent, held meanwhile, or being sent by another job right now
    const now = new Date(); // after the claim, which may have waited for its batch: the signed timestamp is the send's
    const { subscription } = delivery;
    if (subscription.status !== 'active') {
      await this.deliveries.release(deliveryId, 'held');
      this.metrics.deliveries.inc({ outcome: 'held' });
      return;
    }
    const body = JSON.stringify(delivery.payload);
    let secrets: string[];
    try {
      secrets = subscription.secrets.map((stored) => this.box.open(stored));
    } catch (error) {
      // A configuration fault (the key missing or changed), not the receiver's: said loudly, and retried like a failure.
      this.logger.error({ err: error, subscriptionId: subscription.id }, 'Cannot read the subscription secret to sign with');
      throw error;
    }
    const outcome = await this.sender.send(subscription.url, webhookHeaders(secrets, delivery.id, body, now), body);
    this.metrics.attemptDuration.observe(outcome.durationMs / 1000);
    const number = delivery.attemptCount + 1;
    const attempt: AttemptRecord['attempt'] = {
      number,
      startedAt: now,
      durationMs: outcome.durationMs,
      statusCode: outcome.statusCode,
      error: outcome.error,
      responseBody: outcome.responseBody,
      succeeded: outcome.ok,
    };

    if (outcome.ok) {
      await this.record(deliveryId, attempt, { status: 'succeeded', nextAttemptAt: null });
      if (subscription.failingSince) await this.subscriptions.clearFailing(subscription.id);
      this.metrics.deliveries.inc({ outcome: 'succeeded' });
      this.metrics.publishToDelivery.observe((Date.now() - delivery.sourceCreatedAt.getTime()) / 1000);
      return;
    }

    if (outcome.statusCode === 410) {
      await this.record(deliveryId, attempt, { status: 'failed', nextAttemptAt: null });
      await this.subscriptions.disable(subscription.id, 'The endpoint answered 410 Gone');
      this.metrics.deliveries.inc({ outcome: 'failed' });
      throw new UnrecoverableError(`${subscription.url} answered 410 Gone: subscription disabled`);
    }

    await this.subscriptions.markFailing(subscription.id, now);
    const last = attemptsMade + 1 >= this.config.WEBHOOK_RETRY_SCHEDULE.length;
    if (last) {
      await this.record(deliveryId, attempt, { status: 'failed', nextAttemptAt: null });
      this.metrics.deliveries.inc({ outcome: 'failed' });
      await this.disableIfFailingTooLong(subscription.id, subscription.failingSince ?? now, now);
      throw new DeliveryAttemptFailed(`${outcome.error ?? 'failed'} (attempt ${number}, the last)`, 0);
    }
    const delayMs = nextDelay(this.config.WEBHOOK_RETRY_SCHEDULE, attemptsMade + 1, this.config.WEBHOOK_RETRY_JITTER, outcome.retryAfterMs);
    await this.record(deliveryId, attempt, { status: 'pending', nextAttemptAt: new Date(now.getTime() + delayMs) });
    this.metrics.deliveries.inc({ outcome: 'retrying' });
    await this.disableIfFailingTooLong(subscription.id, subscription.failingSince ?? now, now);
    throw new DeliveryAttemptFailed(`${outcome.error ?? 'failed'} (attempt ${number})`, delayMs);
  }

  private record(deliveryId: string, attempt: AttemptRecord['attempt'], next: AttemptRecord['next']): Promise<void> {
    return this.records.call({ deliveryId, attempt, next });
  }

  private async disableIfFailingTooLong(subscriptionId: string, failingSince: Date, now: Date): Promise<void> {
    if (now.getTime() - failingSince.getTime() < this.config.WEBHOOK_DISABLE_AFTER) return;
    if (!(await this.deliveries.noSuccessSince(subscriptionId, failingSince))) return;
    const days = Math.round(this.config.WEBHOOK_DISABLE_AFTER / 86_400_000);
    await this.subscriptions.disable(subscriptionId, `Every delivery failed for ${days > 0 ? `${days} days` : 'too long'}`);
    this.logger.warn({ subscriptionId }, 'Subscription disabled after failing too long');
  }
}
