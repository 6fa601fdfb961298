import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/db';

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

/** The transactional outbox, read by the worker's relay and fan-out. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Rows committed but not yet handed to the queue, oldest first. */
  async unrelayed(limit: number): Promise<OutboxRow[]> {
    const rows = await this.prisma.outboxEntry.findMany({ where: { relayedAt: null }, orderBy: { id: 'asc' }, take: limit });
    return rows.map((r) => this.toRow(r));
  }

  async markRelayed(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.prisma.outboxEntry.updateMany({ where: { id: { in: ids.map(BigInt) } }, data: { relayedAt: new Date() } });
  }

  async markFannedOut(id: string): Promise<void> {
    await this.prisma.outboxEntry.update({ where: { id: BigInt(id) }, data: { fannedOutAt: new Date() } });
  }

  /** Rows handed to the queue long ago whose fan-out never finished: their job was lost. */
  async stuckFanOuts(relayedBefore: Date, limit: number): Promise<string[]> {
    const rows = await this.prisma.outboxEntry.findMany({
      where: { fannedOutAt: null, relayedAt: { lt: relayedBefore } },
      select: { id: true },
      orderBy: { id: 'asc' },
      take: limit,
    });
    return rows.map((r) => r.id.toString());
  }

  /** Pushes the relay time forward, so a row re-queued by the sweeper is not re-queued again at once. */
  async touchRelayed(ids: string[]): Promise<void> {
    if (ids.length) await this.prisma.outboxEntry.updateMany({ where: { id: { in: ids.map(BigInt) } }, data: { relayedAt: new Date() } });
  }

  async findById(id: string): Promise<OutboxRow | null> {
    if (!/^\d+$/.test(id)) return null;
    const row = await this.prisma.outboxEntry.findUnique({ where: { id: BigInt(id) } });
    return row ? this.toRow(row) : null;
  }

  /** Rows waiting and the age of the oldest, for metrics. */
  async lag(): Promise<{ pending: number; oldestSeconds: number }> {
    const [row] = await this.prisma.$queryRaw<{ pending: bigint; oldest: Date | null }[]>`
      SELECT count(*) AS pending, min(created_at) AS oldest FROM outbox_entries WHERE relayed_at IS NULL`;
    return { pending: Number(row?.pending ?? 0), oldestSeconds: row?.oldest ? Math.max(0, (Date.now() - row.oldest.getTime()) / 1000) : 0 };
  }

  private toRow(r: {
    id: bigint;
    type: string;
    eventId: string | null;
    eventVersion: number | null;
    payload: unknown;
    createdAt: Date;
  }): OutboxRow {
    return {
      id: r.id.toString(),
      type: r.type,
      eventId: r.eventId,
      eventVersion: r.eventVersion,
      payload: (r.payload ?? {}) as Record<string, unknown>,
      createdAt: r.createdAt,
    };
  }
}
