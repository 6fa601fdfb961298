import { Injectable } from '@nestjs/common';
import { Prisma, PreparedStatements, PrismaService } from '@app/db';

export interface OutboxRow {
  id: string;
  type: string;
  eventId: string | null;
  eventVersion: number | null;
  payload: Record<string, unknown>;
  createdAt: Date;
}

/**
 * The fan-out job's id for an outbox row. Outbox ids come from a sequence that starts again with a new database,
 * while Redis (and BullMQ's finished jobs) may outlive it: the creation time keeps a new row from being taken for
 * an old job, and so from being skipped as already queued. The same row always gets the same id.
 */
export const fanOutJobId = (row: Pick<OutboxRow, 'id' | 'createdAt'>): string => `outbox-${row.id}-${row.createdAt.getTime()}`;

/** A fan-out job's retries, whether the relay or the stuck-fan-out sweep queued it. */
export const FAN_OUT_JOB_OPTIONS = { attempts: 10, backoff: { type: 'exponential', delay: 1000 } };

/**
 * The outbox row a NOTIFY names: the write that inserts a row notifies "<id> <created_at in ms>" on the `outbox`
 * channel (EventWritesRepository.record), enough for its fan-out job id. Null for any other payload (an empty one
 * from an older build, say): the relay then reads the table instead.
 */
export function parseOutboxNotice(payload: string | undefined): Pick<OutboxRow, 'id' | 'createdAt'> | null {
  const match = /^(\d+) (\d+)$/.exec(payload ?? '');
  return match ? { id: match[1], createdAt: new Date(Number(match[2])) } : null;
}

const sql = Prisma.sql;

interface OutboxRecord {
  id: string;
  type: string;
  event_id: string | null;
  event_version: number | null;
  payload: Record<string, unknown> | null;
  created_at: Date;
}

/**
 * The transactional outbox, read by the worker's relay and fan-out: the statements on their path run on every
 * publish, as prepared statements (see PreparedStatements); the sweeps and metrics go through Prisma.
 */
@Injectable()
export class OutboxRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly statements: PreparedStatements,
  ) {}

  /** Rows committed but not yet handed to the queue, oldest first. */
  async unrelayed(limit: number): Promise<OutboxRow[]> {
    const rows = await this.statements.query<OutboxRecord>(sql`
      SELECT id::text, type, event_id::text, event_version, payload, created_at
      FROM outbox_entries WHERE relayed_at IS NULL ORDER BY id LIMIT ${limit}::int`);
    return rows.map(toOutboxRow);
  }

  /** Stamps rows as handed to the queue now (again, for the sweeper: a re-queued row is not re-queued at once). */
  async markRelayed(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.statements.query(sql`UPDATE outbox_entries SET relayed_at = now() WHERE id = ANY (${ids}::bigint[])`);
  }

  async markFannedOut(id: string): Promise<void> {
    await this.statements.query(sql`UPDATE outbox_entries SET fanned_out_at = now() WHERE id = ${id}::bigint`);
  }

  /** Deletes up to `limit` rows whose fan-out finished before `cutoff`; returns how many. */
  async deleteFannedOutBefore(cutoff: Date, limit: number): Promise<number> {
    return this.prisma.$executeRaw`
      DELETE FROM outbox_entries WHERE id IN (
        SELECT id FROM outbox_entries WHERE fanned_out_at < ${cutoff} LIMIT ${limit} FOR UPDATE SKIP LOCKED)`;
  }

  /** Rows handed to the queue long ago whose fan-out has not finished: their job may be lost, or only slow. */
  async stuckFanOuts(relayedBefore: Date, limit: number): Promise<Pick<OutboxRow, 'id' | 'createdAt'>[]> {
    const rows = await this.prisma.outboxEntry.findMany({
      where: { fannedOutAt: null, relayedAt: { lt: relayedBefore } },
      select: { id: true, createdAt: true },
      orderBy: { id: 'asc' },
      take: limit,
    });
    return rows.map((r) => ({ id: r.id.toString(), createdAt: r.createdAt }));
  }

  /**
   * A row for its fan-out, in one round trip: with whether the revision it names exists (the fan-out statement
   * reads the event from it, in SQL, without a trip through JS).
   */
  async findForFanOut(id: string): Promise<(OutboxRow & { hasRevision: boolean }) | null> {
    if (!/^\d+$/.test(id)) return null;
    const [row] = await this.statements.query<OutboxRecord & { has_revision: boolean }>(sql`
      SELECT o.id::text, o.type, o.event_id::text, o.event_version, o.payload, o.created_at,
        EXISTS (SELECT 1 FROM event_revisions r WHERE r.event_id = o.event_id AND r.version = o.event_version) AS has_revision
      FROM outbox_entries o WHERE o.id = ${id}::bigint`);
    return row ? { ...toOutboxRow(row), hasRevision: row.has_revision } : null;
  }

  /** Rows waiting and the age of the oldest, for metrics. */
  async lag(): Promise<{ pending: number; oldestSeconds: number }> {
    const [row] = await this.prisma.$queryRaw<{ pending: bigint; oldest: Date | null }[]>`
      SELECT count(*) AS pending, min(created_at) AS oldest FROM outbox_entries WHERE relayed_at IS NULL`;
    return { pending: Number(row?.pending ?? 0), oldestSeconds: row?.oldest ? Math.max(0, (Date.now() - row.oldest.getTime()) / 1000) : 0 };
  }
}

function toOutboxRow(r: OutboxRecord): OutboxRow {
  return {
    id: r.id,
    type: r.type,
    eventId: r.event_id,
    eventVersion: r.event_version,
    payload: r.payload ?? {},
    createdAt: r.created_at,
  };
}
