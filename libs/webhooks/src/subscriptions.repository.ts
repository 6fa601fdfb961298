import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@app/db';
import { writeAudit } from '@app/access';
import type { Author, EventFilter } from '@app/domain';
import type { SubscriptionView } from './subscription.types';

type SubscriptionRow = Prisma.SubscriptionGetPayload<object>;

export interface SubscriptionRecord extends SubscriptionView {
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
}

export interface NewSubscription {
  url: string;
  description: string | null;
  types: string[];
  filter: EventFilter;
  secret: string;
  ownerKeyId: string | null;
}

/** A subscription's signing secrets as stored (sealed, or plain from before a key was set). */
export interface StoredSecrets {
  id: string;
  secret: string;
  previousSecret: string | null;
}

export interface SubscriptionChanges {
  url?: string;
  description?: string | null;
  types?: string[];
  filter?: EventFilter;
  status?: 'active' | 'paused';
}

@Injectable()
export class SubscriptionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async create(input: NewSubscription, author: Author): Promise<SubscriptionRecord> {
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.subscription.create({
        data: { ...input, filter: input.filter as Prisma.InputJsonValue },
      });
      await writeAudit(tx, author, {
        action: 'subscription.created',
        targetType: 'subscription',
        targetId: row.id,
        details: { url: row.url },
      });
      return this.toRecord(row);
    });
  }

  async findById(id: string): Promise<SubscriptionRecord | null> {
    const row = await this.prisma.subscription.findUnique({ where: { id } });
    return row ? this.toRecord(row, await this.statsFor([row.id])) : null;
  }

  async list(ownerKeyId: string | null, limit: number, afterId?: string): Promise<SubscriptionRecord[]> {
    const rows = await this.prisma.subscription.findMany({
      where: { ...(ownerKeyId ? { ownerKeyId } : {}), ...(afterId ? { id: { gt: afterId } } : {}) },
      orderBy: { id: 'asc' },
      take: limit,
    });
    const stats = await this.statsFor(rows.map((r) => r.id));
    return rows.map((r) => this.toRecord(r, stats));
  }

  async update(id: string, changes: SubscriptionChanges, author: Author): Promise<SubscriptionRecord> {
    return this.prisma.$transaction(async (tx) => {
      const data: Prisma.SubscriptionUpdateInput = { ...changes, filter: changes.filter as Prisma.InputJsonValue | undefined };
      const row = await tx.subscription.update({ where: { id }, data });
      await writeAudit(tx, author, {
        action: 'subscription.updated',
        targetType: 'subscription',
        targetId: id,
        details: { fields: Object.keys(changes) },
      });
      return this.toRecord(row);
    });
  }

  async delete(id: string, author: Author): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.subscription.delete({ where: { id } });
      await writeAudit(tx, author, { action: 'subscription.deleted', targetType: 'subscription', targetId: id });
    });
  }

  /** The new secret signs from now on; the old one keeps signing until `overlapUntil`. */
  async rotateSecret(id: string, secret: string, overlapUntil: Date, author: Author): Promise<SubscriptionRecord> {
    return this.prisma.$transaction(async (tx) => {
      const current = await tx.subscription.findUniqueOrThrow({ where: { id }, select: { secret: true } });
      const row = await tx.subscription.update({
        where: { id },
        data: { secret, previousSecret: current.secret, previousSecretExpiresAt: overlapUntil },
      });
      await writeAudit(tx, author, { action: 'subscription.secret_rotated', targetType: 'subscription', targetId: id });
      return this.toRecord(row);
    });
  }

  /** Active again; its held deliveries become pending, in sequence order. Returns their ids. */
  async enable(id: string, author: Author): Promise<string[]> {
    return this.prisma.$transaction(async (tx) => {
      await tx.subscription.update({ where: { id }, data: { status: 'active', disabledReason: null, failingSince: null } });
      const released = await tx.$queryRaw<{ id: string; sequence: number }[]>`
        UPDATE deliveries SET status = 'pending', updated_at = now()
        WHERE subscription_id = ${id}::uuid AND status = 'held'
        RETURNING id, sequence`;
      await writeAudit(tx, author, {
        action: 'subscription.enabled',
        targetType: 'subscription',
        targetId: id,
        details: { released: released.length },
      });
      return released.sort((a, b) => a.sequence - b.sequence).map((r) => r.id);
    });
  }

  /** Disabled by the system (410 Gone, failing too long); new matches are held from now on. */
  async disable(id: string, reason: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.subscription.update({ where: { id }, data: { status: 'disabled', disabledReason: reason } });
      await writeAudit(
        tx,
        { keyId: null, name: 'worker' },
        { action: 'subscription.disabled', targetType: 'subscription', targetId: id, details: { reason } },
      );
    });
  }

  /** A page of every subscription's stored secrets, in id order, after `afterId`. */
  async storedSecrets(limit: number, afterId?: string): Promise<StoredSecrets[]> {
    return this.prisma.subscription.findMany({
      select: { id: true, secret: true, previousSecret: true },
      orderBy: { id: 'asc' },
      take: limit,
      ...(afterId ? { cursor: { id: afterId }, skip: 1 } : {}),
    });
  }

  /** Stores `next` in place of `read`, unless the secrets changed since they were read (a rotation meanwhile wins). */
  async replaceStoredSecrets(read: StoredSecrets, next: Omit<StoredSecrets, 'id'>): Promise<boolean> {
    const { count } = await this.prisma.subscription.updateMany({
      where: { id: read.id, secret: read.secret, previousSecret: read.previousSecret },
      data: next,
    });
    return count > 0;
  }

  async markFailing(id: string, since: Date): Promise<void> {
    await this.prisma.subscription.updateMany({ where: { id, failingSince: null }, data: { failingSince: since } });
  }

  async clearFailing(id: string): Promise<void> {
    await this.prisma.subscription.updateMany({ where: { id, failingSince: { not: null } }, data: { failingSince: null } });
  }

  private async statsFor(ids: string[]): Promise<Map<string, SubscriptionView['stats']>> {
    if (!ids.length) return new Map();
    const rows = await this.prisma.$queryRaw<{ id: string; last: Date | null; total: bigint; ok: bigint }[]>`
      SELECT s.id,
        (SELECT max(d.last_attempt_at) FROM deliveries d WHERE d.subscription_id = s.id) AS last,
        (SELECT count(*) FROM deliveries d WHERE d.subscription_id = s.id AND d.created_at > now() - interval '1 day') AS total,
        (SELECT count(*) FROM deliveries d WHERE d.subscription_id = s.id AND d.created_at > now() - interval '1 day' AND d.status = 'succeeded') AS ok
      FROM subscriptions s WHERE s.id IN (${Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`))})`;
    return new Map(
      rows.map((r) => [
        r.id,
        { lastDeliveryAt: r.last?.toISOString() ?? null, deliveries24h: Number(r.total), succeeded24h: Number(r.ok) },
      ]),
    );
  }

  private toRecord(row: SubscriptionRow, stats?: Map<string, SubscriptionView['stats']>): SubscriptionRecord {
    return {
      id: row.id,
      url: row.url,
      description: row.description,
      types: row.types,
      filter: row.filter as EventFilter,
      status: row.status,
      disabledReason: row.disabledReason,
      ownerKeyId: row.ownerKeyId,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      stats: stats?.get(row.id) ?? { lastDeliveryAt: null, deliveries24h: 0, succeeded24h: 0 },
      secret: row.secret,
      previousSecret: row.previousSecret,
      previousSecretExpiresAt: row.previousSecretExpiresAt,
    };
  }
}
