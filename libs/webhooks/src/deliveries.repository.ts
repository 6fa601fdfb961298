import { Injectable } from '@nestjs/common';
import { Prisma, PreparedStatements, PrismaService } from '@app/db';
import { relatedIdsSql } from '@app/events';
import type { OutboxRow } from './outbox.repository';
import type { DeliveryStatus, DeliveryToSend, DeliveryView, SubscriptionStatus } from './subscription.types';

const sql = Prisma.sql;

/**
 * Text a receiver chose, made storable: Postgres text cannot hold NUL, and one NUL would fail the whole batched
 * record of attempts, the other subscribers' with it (their deliveries then sent again).
 */
const storable = (text: string | null): string | null => (text === null ? null : text.replaceAll('\u0000', '\ufffd'));

/** A subscription's filter field as a set of text values. */
const values = (field: string): Prisma.Sql => sql`SELECT jsonb_array_elements_text(coalesce(s.filter -> ${field}, '[]'::jsonb))`;

/** First and last day a stored "YYYY", "YYYY-MM" or "YYYY-MM-DD" bound stands for. */
const periodStart = (v: Prisma.Sql): Prisma.Sql =>
  sql`(CASE length(${v}) WHEN 4 THEN (${v} || '-01-01')::date WHEN 7 THEN (${v} || '-01')::date ELSE (${v})::date END)`;
const periodEnd = (v: Prisma.Sql): Prisma.Sql =>
  sql`(CASE length(${v}) WHEN 4 THEN (${v} || '-12-31')::date WHEN 7 THEN ((${v} || '-01')::date + interval '1 month' - interval '1 day')::date ELSE (${v})::date END)`;

type DeliveryRow = Prisma.DeliveryGetPayload<{ include: { attempts: true } }>;

/** One attempt to record, with the state its delivery moves to. */
export interface AttemptRecord {
  deliveryId: string;
  attempt: {
    number: number;
    startedAt: Date;
    durationMs: number;
    statusCode: number | null;
    error: string | null;
    responseBody: string | null;
    succeeded: boolean;
  };
  next: { status: DeliveryStatus; nextAttemptAt: Date | null };
}

/** Deliveries and their attempts. Fan-out, claim and record run as prepared statements (see PreparedStatements). */
@Injectable()
export class DeliveriesRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly statements: PreparedStatements,
  ) {}

  /**
   * Fan-out in one statement: match the changed event against every subscription's saved filter (the
   * filter semantics of libs/domain/filter.ts, in SQL), give each match the next sequence of its
   * subscription, and insert one delivery per (subscription, event, type, version). Running it twice
   * inserts nothing new. Subscriptions that are disabled or paused get `held` deliveries.
   * `event` is the event's JSON, or 'revision' to read it from the revision the outbox row names.
   * Returns the ids of this change's pending deliveries (new, or left by an interrupted run), in sequence order.
   */
  async fanOut(entry: OutboxRow, event: unknown, relatedWindowDays: number): Promise<string[]> {
    if (!entry.eventId) return [];
    const eventId = entry.eventId;
    const version = entry.eventVersion ?? 0;
    const timestamp = entry.createdAt.toISOString();
    const details = JSON.stringify(entry.payload ?? {});
    const eventJson =
      event === 'revision'
        ? sql`(SELECT r.snapshot FROM event_revisions r WHERE r.event_id = ${eventId}::uuid AND r.version = ${version}::int)`
        : sql`${JSON.stringify(event)}::jsonb`;
    const fromBound = sql`(s.filter ->> 'from')`;
    const toBound = sql`(s.filter ->> 'to')`;
    const rows = await this.statements.queryPlannedOnce<{ id: string }>(sql`
      WITH ev AS (
        SELECT e.id, e.date, e.kind::text AS kind, e.search,
          ARRAY(SELECT actor_code FROM event_actors WHERE event_id = e.id) AS actors,
          ARRAY(SELECT tag_slug FROM event_tags WHERE event_id = e.id) AS tags
        FROM events e WHERE e.id = ${eventId}::uuid
      ),
      -- Relatedness is the costly part of matching: the one-time EXISTS keeps it from running at all unless
      -- some subscription asks for it. Each related event comes with its slug, so that a subscription's relatedTo
      -- (ids or slugs) is matched against these few rows, never against the events table.
      related AS (
        SELECT an.id, an.slug FROM ${relatedIdsSql([eventId], relatedWindowDays)} r JOIN events an ON an.id = r.id
        WHERE EXISTS (SELECT 1 FROM subscriptions s WHERE s.filter ? 'relatedTo' AND s.types @> ARRAY[${entry.type}]::text[])
      ),
      matched AS (
        SELECT s.id, s.status,
          ARRAY(SELECT 'actor:' || a FROM unnest(ev.actors) a WHERE lower(a) IN (SELECT lower(x) FROM (${values('actors')}) f(x)))
          || ARRAY(SELECT 'tag:' || t FROM unnest(ev.tags) t WHERE t IN (${values('tags')}))
          || ARRAY(SELECT 'kind:' || ev.kind WHERE s.filter ? 'kinds')
          || ARRAY(SELECT 'q:' || (s.filter ->> 'q') WHERE s.filter ? 'q')
          || ARRAY(
               SELECT 'relatedTo:' || rel.id::text || coalesce(' (' || (
                 SELECT rl.type::text FROM relations rl
                 WHERE rl.status = 'confirmed' AND ((rl.from_id = ev.id AND rl.to_id = rel.id) OR (rl.to_id = ev.id AND rl.from_id = rel.id))
                 ORDER BY rl.created_at LIMIT 1) || ')', '')
               FROM related rel
               WHERE s.filter ? 'relatedTo' AND (rel.slug IN (${values('relatedTo')}) OR rel.id::text IN (${values('relatedTo')}))
             ) AS reasons
        FROM subscriptions s, ev
        WHERE s.types @> ARRAY[${entry.type}]::text[]
          AND (NOT s.filter ? 'actors' OR CASE WHEN s.filter ->> 'actorsMode' = 'all'
                 THEN NOT EXISTS (SELECT 1 FROM (${values('actors')}) f(x) WHERE lower(x) NOT IN (SELECT lower(a) FROM unnest(ev.actors) a))
                 ELSE EXISTS (SELECT 1 FROM (${values('actors')}) f(x) WHERE lower(x) IN (SELECT lower(a) FROM unnest(ev.actors) a)) END)
          AND (NOT s.filter ? 'tags' OR EXISTS (SELECT 1 FROM (${values('tags')}) f(x) WHERE x = ANY (ev.tags)))
          AND (NOT s.filter ? 'kinds' OR ev.kind IN (${values('kinds')}))
          AND (NOT s.filter ? 'from' OR ev.date >= ${periodStart(fromBound)})
          AND (NOT s.filter ? 'to' OR ev.date <= ${periodEnd(toBound)})
          AND (NOT s.filter ? 'q' OR ev.search @@ websearch_to_tsquery('english', s.filter ->> 'q'))
          AND (NOT s.filter ? 'relatedTo' OR EXISTS (
                 SELECT 1 FROM related rel WHERE rel.slug IN (${values('relatedTo')}) OR rel.id::text IN (${values('relatedTo')})))
          AND NOT EXISTS (
                 SELECT 1 FROM deliveries d
                 WHERE d.subscription_id = s.id AND d.event_id = ev.id AND d.type = ${entry.type} AND d.event_version = ${version}::int)
      ),
      numbered AS (
        -- In subscription order, so that concurrent fan-outs lock the sequence rows in the same order.
        INSERT INTO subscription_sequences AS q (subscription_id, last_sequence)
        SELECT id, 1 FROM matched ORDER BY id
        ON CONFLICT (subscription_id) DO UPDATE SET last_sequence = q.last_sequence + 1
        RETURNING q.subscription_id AS id, q.last_sequence
      ),
      inserted AS (
        INSERT INTO deliveries (id, subscription_id, event_id, event_version, type, sequence, status, payload, match_reasons, source_created_at, created_at, updated_at)
        SELECT gen_random_uuid(), n.id, ${eventId}::uuid, ${version}::int, ${entry.type}, n.last_sequence,
          (CASE WHEN m.status = 'active' THEN 'pending' ELSE 'held' END)::"DeliveryStatus",
          jsonb_build_object('type', ${entry.type}::text, 'timestamp', ${timestamp}::text,
            'data', ${details}::jsonb || jsonb_build_object(
              'event', ${eventJson}, 'subscriptionId', n.id, 'sequence', n.last_sequence,
              'match', jsonb_build_object('reasons', to_jsonb(m.reasons)))),
          m.reasons, ${entry.createdAt}, now(), now()
        FROM numbered n JOIN matched m ON m.id = n.id
        ON CONFLICT (event_id, event_version, type, subscription_id) DO NOTHING
        RETURNING id, sequence, status
      )
      -- This change's pending deliveries: the ones just inserted, and (the statement sees the table as it was
      -- before its own inserts) the ones an interrupted run left unsent.
      SELECT id::text FROM (
        SELECT id, sequence FROM inserted WHERE status = 'pending'
        UNION ALL
        SELECT d.id, d.sequence FROM deliveries d
        WHERE d.event_id = ${eventId}::uuid AND d.event_version = ${version}::int AND d.type = ${entry.type}
          AND d.status = 'pending' AND d.attempt_count = 0
      ) p ORDER BY sequence`);
    return rows.map((r) => r.id);
  }

  /**
   * Deletes up to `limit` deliveries that are done (succeeded or failed) and were created before `cutoff`, with their
   * attempts; pending and held ones stay, whatever their age. Subscription by subscription, so that each is a range of
   * the (subscription, created) index rather than a read of the whole table.
   */
  async deleteFinishedBefore(cutoff: Date, limit: number): Promise<number> {
    return this.prisma.$executeRaw`
      DELETE FROM deliveries WHERE id IN (
        SELECT d.id FROM subscriptions s CROSS JOIN LATERAL (
          SELECT id FROM deliveries
          WHERE subscription_id = s.id AND created_at < ${cutoff} AND status IN ('succeeded', 'failed')
          LIMIT ${limit} FOR UPDATE SKIP LOCKED) d
        LIMIT ${limit})`;
  }

  /** A `subscription.test` delivery with the subscription's next sequence. */
  async createTest(subscriptionId: string, held: boolean): Promise<string> {
    return this.prisma.$transaction(async (tx) => {
      const sub = await tx.subscriptionSequence.upsert({
        where: { subscriptionId },
        create: { subscriptionId, lastSequence: 1 },
        update: { lastSequence: { increment: 1 } },
        select: { lastSequence: true },
      });
      const now = new Date();
      const delivery = await tx.delivery.create({
        data: {
          subscriptionId,
          type: 'subscription.test',
          sequence: sub.lastSequence,
          status: held ? 'held' : 'pending',
          matchReasons: [],
          sourceCreatedAt: now,
          payload: {
            type: 'subscription.test',
            timestamp: now.toISOString(),
            data: { subscriptionId, sequence: sub.lastSequence, message: 'A test delivery from Trade Timeline' },
          },
        },
        select: { id: true },
      });
      return delivery.id;
    });
  }

  /**
   * One round trip for a batch of sends: claims each pending delivery for `leaseMs` and returns it with its
   * subscription's URL, state and live secrets, in the order asked. Null where a delivery is gone, no longer
   * pending, or claimed by a sender still within its lease (an id asked twice is claimed once): two jobs for one
   * delivery (a sweep, a stalled-job retry, a second worker) never send the same attempt twice. Its commit does not
   * wait for the WAL flush (see PreparedStatements.queryRelaxed), nor does recordAttempts'.
   */
  async claimForSend(ids: string[], leaseMs: number): Promise<(DeliveryToSend | null)[]> {
    const rows = await this.statements.queryRelaxed<{
      id: string;
      attempt_count: number;
      payload: unknown;
      source_created_at: Date;
      subscription_id: string;
      url: string;
      subscription_status: SubscriptionStatus;
      secret: string;
      previous_secret: string | null;
      previous_secret_expires_at: Date | null;
      failing_since: Date | null;
    }>(sql`
      WITH claimed AS (
        -- Joined to the ids (not "id = ANY"), so each is a primary-key lookup even with a large pending backlog.
        UPDATE deliveries d SET leased_until = now() + ${leaseMs}::int * interval '1 millisecond', updated_at = now()
        FROM unnest(${ids}::uuid[]) AS asked(id)
        WHERE d.id = asked.id AND d.status = 'pending' AND (d.leased_until IS NULL OR d.leased_until < now())
        RETURNING d.id, d.attempt_count, d.payload, d.source_created_at, d.subscription_id
      )
      SELECT d.id::text, d.attempt_count, d.payload, d.source_created_at,
        s.id::text AS subscription_id, s.url, s.status::text AS subscription_status, s.secret, s.previous_secret,
        s.previous_secret_expires_at, s.failing_since
      FROM claimed d JOIN subscriptions s ON s.id = d.subscription_id`);
    const now = new Date();
    const claimed = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => {
      const row = claimed.get(id);
      if (!row) return null;
      claimed.delete(id); // the first asker holds the claim
      const secrets = [row.secret];
      if (row.previous_secret && row.previous_secret_expires_at && row.previous_secret_expires_at > now) secrets.push(row.previous_secret);
      return {
        id: row.id,
        attemptCount: row.attempt_count,
        payload: row.payload,
        sourceCreatedAt: row.source_created_at,
        subscription: { id: row.subscription_id, url: row.url, status: row.subscription_status, secrets, failingSince: row.failing_since },
      };
    });
  }

  /**
   * Records a batch of attempts in one statement: each attempt row, its delivery's new state and the release of
   * the sender's claim commit together.
   */
  async recordAttempts(records: AttemptRecord[]): Promise<void> {
    if (!records.length) return;
    const column = <T>(pick: (r: AttemptRecord) => T): T[] => records.map(pick);
    await this.statements.queryRelaxed(sql`
      WITH input AS (
        SELECT * FROM unnest(
          ${column((r) => r.deliveryId)}::uuid[], ${column((r) => r.attempt.number)}::int[],
          ${column((r) => r.attempt.startedAt.toISOString())}::timestamptz[], ${column((r) => r.attempt.durationMs)}::int[],
          ${column((r) => r.attempt.statusCode)}::int[], ${column((r) => storable(r.attempt.error))}::text[],
          ${column((r) => storable(r.attempt.responseBody))}::text[], ${column((r) => r.attempt.succeeded)}::boolean[],
          ${column((r) => r.next.status)}::text[], ${column((r) => r.next.nextAttemptAt?.toISOString() ?? null)}::timestamptz[]
        ) AS t(delivery_id, number, started_at, duration_ms, status_code, error, response_body, succeeded, status, next_attempt_at)
      ),
      attempts AS (
        INSERT INTO delivery_attempts (id, delivery_id, number, started_at, duration_ms, status_code, error, response_body, succeeded)
        SELECT gen_random_uuid(), delivery_id, number, started_at, duration_ms, status_code, error, response_body, succeeded FROM input
      )
      UPDATE deliveries d SET status = i.status::"DeliveryStatus", attempt_count = i.number, last_attempt_at = i.started_at,
        next_attempt_at = i.next_attempt_at, succeeded_at = CASE WHEN i.succeeded THEN now() ELSE d.succeeded_at END,
        leased_until = NULL, updated_at = now()
      FROM input i WHERE d.id = i.delivery_id`);
  }

  /** Moves a claimed delivery to `status` without an attempt (held: its subscription stopped), releasing the claim. */
  async release(id: string, status: DeliveryStatus): Promise<void> {
    await this.prisma.delivery.update({ where: { id }, data: { status, leasedUntil: null } });
  }

  async holdPendingOf(subscriptionId: string): Promise<void> {
    await this.prisma.delivery.updateMany({ where: { subscriptionId, status: 'pending' }, data: { status: 'held' } });
  }

  /** Deliveries to send again: failed or succeeded ones in a time range (same ids, so same webhook-id). */
  async markForReplay(subscriptionId: string, since: Date, until: Date, onlyFailed: boolean): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<{ id: string }[]>`
      UPDATE deliveries SET status = 'pending', next_attempt_at = NULL, updated_at = now()
      WHERE subscription_id = ${subscriptionId}::uuid AND created_at >= ${since} AND created_at <= ${until}
        AND status IN (${Prisma.join(onlyFailed ? ['failed'] : ['failed', 'succeeded'])})
      RETURNING id, sequence`;
    return rows.map((r) => r.id);
  }

  async markForRetry(id: string): Promise<boolean> {
    const { count } = await this.prisma.delivery.updateMany({
      where: { id, status: { in: ['failed', 'succeeded'] } },
      data: { status: 'pending', nextAttemptAt: null },
    });
    return count > 0;
  }

  /**
   * Pending deliveries not touched for a while and not claimed by a live sender: their job may have vanished
   * (Redis flushed, crash).
   */
  async stalePending(olderThan: Date, limit: number): Promise<{ id: string; nextAttemptAt: Date | null }[]> {
    const now = new Date();
    return this.prisma.delivery.findMany({
      where: {
        status: 'pending',
        updatedAt: { lt: olderThan },
        AND: [
          { OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lt: olderThan } }] },
          { OR: [{ leasedUntil: null }, { leasedUntil: { lt: now } }] },
        ],
      },
      select: { id: true, nextAttemptAt: true },
      orderBy: { updatedAt: 'asc' },
      take: limit,
    });
  }

  /**
   * Held deliveries of subscriptions that are active: a write that chose "held" while an enable ran concurrently (a
   * fan-out, a test delivery, a send that found its subscription paused) can commit after the enable released the
   * held ones, and its delivery would wait for the next enable. Moves those untouched since `olderThan` to pending
   * and returns their ids, in sequence order.
   */
  async releaseStrayHeld(olderThan: Date, limit: number): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<{ id: string; sequence: number }[]>`
      UPDATE deliveries d SET status = 'pending', next_attempt_at = NULL, updated_at = now()
      FROM (
        SELECT h.id, h.sequence FROM deliveries h JOIN subscriptions s ON s.id = h.subscription_id
        WHERE h.status = 'held' AND s.status = 'active' AND h.updated_at < ${olderThan}
        ORDER BY h.sequence LIMIT ${limit}
      ) stray
      WHERE d.id = stray.id AND d.status = 'held'
      RETURNING d.id::text, stray.sequence`;
    return rows.sort((a, b) => a.sequence - b.sequence).map((r) => r.id);
  }

  async touch(ids: string[]): Promise<void> {
    if (ids.length) await this.prisma.delivery.updateMany({ where: { id: { in: ids } }, data: { updatedAt: new Date() } });
  }

  /** True when none of the subscription's deliveries has succeeded since `since`. */
  async noSuccessSince(subscriptionId: string, since: Date): Promise<boolean> {
    const ok = await this.prisma.delivery.count({ where: { subscriptionId, succeededAt: { gte: since } } });
    return ok === 0;
  }

  async findById(id: string): Promise<(DeliveryView & { ownerKeyId: string | null }) | null> {
    const row = await this.prisma.delivery.findUnique({
      where: { id },
      include: { attempts: { orderBy: { number: 'asc' } }, subscription: { select: { ownerKeyId: true } } },
    });
    return row ? { ...this.toView(row), ownerKeyId: row.subscription.ownerKeyId } : null;
  }

  async list(query: {
    subscriptionId?: string;
    ownerKeyId?: string;
    status?: DeliveryStatus;
    limit: number;
    before?: { createdAt: Date; id: string };
  }): Promise<DeliveryView[]> {
    const rows = await this.prisma.delivery.findMany({
      where: {
        ...(query.subscriptionId ? { subscriptionId: query.subscriptionId } : {}),
        ...(query.ownerKeyId ? { subscription: { ownerKeyId: query.ownerKeyId } } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.before
          ? { OR: [{ createdAt: { lt: query.before.createdAt } }, { createdAt: query.before.createdAt, id: { lt: query.before.id } }] }
          : {}),
      },
      include: { attempts: { orderBy: { number: 'asc' } } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: query.limit,
    });
    return rows.map((r) => this.toView(r));
  }

  async countsByStatus(since: Date): Promise<Record<string, number>> {
    const rows = await this.prisma.delivery.groupBy({ by: ['status'], where: { createdAt: { gte: since } }, _count: { _all: true } });
    return Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
  }

  private toView(row: DeliveryRow): DeliveryView {
    return {
      id: row.id,
      subscriptionId: row.subscriptionId,
      eventId: row.eventId,
      eventVersion: row.eventVersion,
      type: row.type,
      sequence: row.sequence,
      status: row.status,
      matchReasons: row.matchReasons,
      attemptCount: row.attemptCount,
      nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
      lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
      succeededAt: row.succeededAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      attempts: row.attempts.map((a) => ({
        number: a.number,
        startedAt: a.startedAt.toISOString(),
        durationMs: a.durationMs,
        statusCode: a.statusCode,
        error: a.error,
        responseBody: a.responseBody,
        succeeded: a.succeeded,
      })),
    };
  }
}
