import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { isEditor, type Principal } from '@app/access';
import { NotFoundError, ValidationError, isUuid, type Author, type EventFilter, type EventView } from '@app/domain';
import { EventsService } from '@app/events';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveryQueue } from './delivery-queue';
import { SecretBox } from './secret-box';
import { generateSecret } from './signing';
import { SubscriptionsRepository, type SubscriptionChanges, type SubscriptionRecord } from './subscriptions.repository';
import { WEBHOOK_TYPES, type DeliveryStatus, type DeliveryView, type SubscriptionView } from './subscription.types';
import { assertPublicUrl } from './url-safety';

export interface CreateSubscription {
  url: string;
  description?: string;
  types?: string[];
  filter: EventFilter;
}

function view(record: SubscriptionRecord): SubscriptionView {
  const { secret: _secret, previousSecret: _previous, previousSecretExpiresAt: _expires, ...rest } = record;
  return rest;
}

/** Subscriptions and their deliveries, as callers may see and change them. */
@Injectable()
export class SubscriptionsService {
  private readonly logger = new Logger(SubscriptionsService.name);

  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly events: EventsService,
    private readonly queue: DeliveryQueue,
    private readonly box: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(input: CreateSubscription, caller: Principal, author: Author): Promise<SubscriptionView & { secret: string }> {
    await assertPublicUrl(input.url, this.config.WEBHOOK_ALLOW_PRIVATE_NETWORKS);
    const types = input.types?.length ? [...new Set(input.types)] : [...WEBHOOK_TYPES];
    await this.checkRelatedTo(input.filter);
    const secret = generateSecret();
    const record = await this.subscriptions.create(
      {
        url: input.url,
        description: input.description ?? null,
        types,
        filter: input.filter,
        secret: this.box.seal(secret),
        ownerKeyId: caller.keyId,
      },
      author,
    );
    return { ...view(record), secret };
  }

  async list(caller: Principal, limit: number, cursor?: string): Promise<{ data: SubscriptionView[]; nextCursor: string | null }> {
    // The cursor is the last id of the page before.
    if (cursor !== undefined && !isUuid(cursor)) {
      throw new ValidationError('Invalid cursor', [{ path: 'cursor', message: 'is not a cursor this API issued' }]);
    }
    const rows = await this.subscriptions.list(isEditor(caller) ? null : caller.keyId, limit, cursor);
    return { data: rows.map(view), nextCursor: rows.length === limit ? rows[rows.length - 1].id : null };
  }

  async get(id: string, caller: Principal): Promise<SubscriptionView> {
    return view(await this.owned(id, caller));
  }

  async update(id: string, changes: SubscriptionChanges, caller: Principal, author: Author): Promise<SubscriptionView> {
    const current = await this.owned(id, caller);
    if (changes.url !== undefined) await assertPublicUrl(changes.url, this.config.WEBHOOK_ALLOW_PRIVATE_NETWORKS);
    if (changes.filter) await this.checkRelatedTo(changes.filter);
    if (changes.status === 'active' && current.status !== 'active') {
      await this.enable(id, caller, author);
      const { status: _status, ...rest } = changes;
      changes = rest;
    }
    const updated = await this.subscriptions.update(id, changes, author);
    if (changes.status === 'paused') await this.deliveries.holdPendingOf(id);
    return view(updated);
  }

  async delete(id: string, caller: Principal, author: Author): Promise<void> {
    await this.owned(id, caller);
    await this.subscriptions.delete(id, author);
  }

  async rotateSecret(
    id: string,
    caller: Principal,
    author: Author,
  ): Promise<SubscriptionView & { secret: string; previousSecretExpiresAt: string }> {
    await this.owned(id, caller);
    const secret = generateSecret();
    const until = new Date(Date.now() + this.config.WEBHOOK_ROTATION_OVERLAP);
    const record = await this.subscriptions.rotateSecret(id, this.box.seal(secret), until, author);
    return { ...view(record), secret, previousSecretExpiresAt: until.toISOString() };
  }

  /** Active again: held deliveries go out in sequence order. */
  async enable(id: string, caller: Principal, author: Author): Promise<SubscriptionView & { released: number }> {
    await this.owned(id, caller);
    const released = await this.subscriptions.enable(id, author);
    await this.enqueue(released, 'release');
    return { ...view(await this.owned(id, caller)), released: released.length };
  }

  async sendTest(id: string, caller: Principal): Promise<DeliveryView> {
    const subscription = await this.owned(id, caller);
    const deliveryId = await this.deliveries.createTest(id, subscription.status !== 'active');
    if (subscription.status === 'active') await this.enqueue([deliveryId], 'test');
    const delivery = await this.deliveries.findById(deliveryId);
    if (!delivery) throw new NotFoundError('Delivery', deliveryId);
    return delivery;
  }

  async replay(id: string, range: { since: Date; until?: Date; onlyFailed?: boolean }, caller: Principal): Promise<{ replayed: number }> {
    await this.owned(id, caller);
    const until = range.until ?? new Date();
    if (until < range.since) throw new ValidationError('Invalid range', [{ path: 'until', message: 'must not be before since' }]);
    const ids = await this.deliveries.markForReplay(id, range.since, until, range.onlyFailed ?? false);
    await this.enqueue(ids, 'replay');
    return { replayed: ids.length };
  }

  async preview(filter: EventFilter, limit: number): Promise<{ data: EventView[]; nextCursor: string | null }> {
    await this.checkRelatedTo(filter);
    return this.events.list({ filter, limit });
  }

  async deliveriesOf(
    id: string,
    caller: Principal,
    query: { status?: DeliveryStatus; limit: number; cursor?: string },
  ): Promise<{ data: DeliveryView[]; nextCursor: string | null }> {
    await this.owned(id, caller);
    return this.listDeliveries({ subscriptionId: id, status: query.status, limit: query.limit, cursor: query.cursor }, caller);
  }

  async listDeliveries(
    query: { subscriptionId?: string; status?: DeliveryStatus; limit: number; cursor?: string },
    caller: Principal,
  ): Promise<{ data: DeliveryView[]; nextCursor: string | null }> {
    const before = query.cursor ? decodeDeliveryCursor(query.cursor) : undefined;
    const data = await this.deliveries.list({ ...query, ownerKeyId: isEditor(caller) ? undefined : caller.keyId, before });
    const last = data[data.length - 1];
    return {
      data,
      nextCursor: data.length === query.limit && last ? Buffer.from(`${last.createdAt}|${last.id}`).toString('base64url') : null,
    };
  }

  async getDelivery(id: string, caller: Principal): Promise<DeliveryView> {
    const delivery = await this.deliveries.findById(id);
    if (!delivery || (!isEditor(caller) && delivery.ownerKeyId !== caller.keyId)) throw new NotFoundError('Delivery', id);
    const { ownerKeyId: _owner, ...rest } = delivery;
    return rest;
  }

  async retryDelivery(id: string, caller: Principal): Promise<DeliveryView> {
    await this.getDelivery(id, caller);
    await this.deliveries.markForRetry(id);
    await this.enqueue([id], 'retry');
    return this.getDelivery(id, caller);
  }

  /** A subscriber sees only its own subscriptions; another's answers 404, as if it did not exist. */
  private async owned(id: string, caller: Principal): Promise<SubscriptionRecord> {
    const record = await this.subscriptions.findById(id);
    if (!record || (!isEditor(caller) && record.ownerKeyId !== caller.keyId)) throw new NotFoundError('Subscription', id);
    return record;
  }

  private async checkRelatedTo(filter: EventFilter): Promise<void> {
    for (const [i, ref] of (filter.relatedTo ?? []).entries()) {
      try {
        await this.events.get(ref);
      } catch {
        throw new ValidationError('Invalid filter', [{ path: `filter.relatedTo[${i}]`, message: `no published event "${ref}"` }]);
      }
    }
  }

  /**
   * Sends deliveries after their rows committed. A fresh job id per request (a finished job keeps its id
   * for a while); if Redis is unreachable the stuck-delivery sweeper sends them later, so nothing is lost.
   */
  private async enqueue(ids: string[], reason: string): Promise<void> {
    if (!ids.length) return;
    try {
      await this.queue.enqueue(ids, reason);
    } catch (error) {
      this.logger.warn({ err: error, count: ids.length }, 'Could not enqueue deliveries now; the sweeper will');
    }
  }
}

function decodeDeliveryCursor(cursor: string): { createdAt: Date; id: string } {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(createdAt ?? '');
  if (!id || Number.isNaN(date.getTime()) || !isUuid(id)) {
    throw new ValidationError('Invalid cursor', [{ path: 'cursor', message: 'is not a cursor this API issued' }]);
  }
  return { createdAt: date, id };
}
