import type { EventFilter } from '@app/domain';

export const WEBHOOK_TYPES = ['event.published', 'event.updated', 'event.retracted'] as const;
export type WebhookEventType = (typeof WEBHOOK_TYPES)[number];
export const TEST_TYPE = 'subscription.test';

export type SubscriptionStatus = 'active' | 'paused' | 'disabled';
export type DeliveryStatus = 'pending' | 'succeeded' | 'failed' | 'held';

/** A subscription as the API shows it: never its secret, except right after creation or rotation. */
export interface SubscriptionView {
  id: string;
  url: string;
  description: string | null;
  types: string[];
  filter: EventFilter;
  status: SubscriptionStatus;
  disabledReason: string | null;
  ownerKeyId: string | null;
  createdAt: string;
  updatedAt: string;
  stats: { lastDeliveryAt: string | null; deliveries24h: number; succeeded24h: number };
}

export interface AttemptView {
  number: number;
  startedAt: string;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  responseBody: string | null;
  succeeded: boolean;
}

export interface DeliveryView {
  id: string;
  subscriptionId: string;
  eventId: string | null;
  eventVersion: number;
  type: string;
  sequence: number;
  status: DeliveryStatus;
  matchReasons: string[];
  attemptCount: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  succeededAt: string | null;
  createdAt: string;
  attempts: AttemptView[];
}

/** What the delivery job needs, loaded from Postgres (jobs carry ids only); claimed, so always still pending. */
export interface DeliveryToSend {
  id: string;
  attemptCount: number;
  payload: unknown;
  sourceCreatedAt: Date;
  subscription: {
    id: string;
    url: string;
    status: SubscriptionStatus;
    secrets: string[];
    failingSince: Date | null;
  };
}
