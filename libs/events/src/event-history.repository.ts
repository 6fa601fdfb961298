import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@app/db';
import { endOfPeriod, isoDay, parseEventDate, type EventCursor, type EventFilter, type EventStatus, type EventView } from '@app/domain';

const sql = Prisma.sql;

export interface HistoryPageQuery {
  filter: Omit<EventFilter, 'relatedTo'>;
  statuses: readonly EventStatus[];
  asOf: Date;
  limit: number;
  cursor?: EventCursor;
}

/** The snapshot's date (YYYY, YYYY-MM or YYYY-MM-DD) as the first day of its period, like events.date. */
const SNAPSHOT_DATE = sql`(CASE length(r.snapshot->>'date')
  WHEN 4 THEN (r.snapshot->>'date') || '-01-01'
  WHEN 7 THEN (r.snapshot->>'date') || '-01'
  ELSE r.snapshot->>'date' END)::date`;

/** The same weighting as the events.search generated column, computed over the snapshot. */
const SNAPSHOT_SEARCH = sql`(setweight(to_tsvector('english', coalesce(h.snapshot->>'title', '')), 'A')
  || setweight(to_tsvector('english', coalesce(h.snapshot->>'summary', '')), 'B'))`;

/**
 * The filter of filterConditionsSql, over revision snapshots (alias h: snapshot jsonb, date) instead of
 * the live tables: actors and tags as they were recorded then, not as they are now.
 */
function snapshotConditionsSql(filter: HistoryPageQuery['filter'], statuses: readonly EventStatus[]): Prisma.Sql {
  const conditions: Prisma.Sql[] = [sql`h.snapshot->>'status' IN (${Prisma.join([...statuses])})`];
  if (filter.actors?.length) {
    const lowered = filter.actors.map((a) => a.toLowerCase());
    const matching = sql`(SELECT count(DISTINCT lower(a->>'code')) FROM jsonb_array_elements(h.snapshot->'actors') a
      WHERE lower(a->>'code') IN (${Prisma.join(lowered)}))`;
    conditions.push(filter.actorsMode === 'all' ? sql`${matching} = ${lowered.length}::int` : sql`${matching} > 0`);
  }
  if (filter.tags?.length) {
    conditions.push(sql`EXISTS (SELECT 1 FROM jsonb_array_elements_text(h.snapshot->'tags') t WHERE t IN (${Prisma.join(filter.tags)}))`);
  }
  if (filter.kinds?.length) conditions.push(sql`h.snapshot->>'kind' IN (${Prisma.join(filter.kinds)})`);
  if (filter.from) conditions.push(sql`h.date >= ${isoDay(parseEventDate(filter.from).date)}::date`);
  if (filter.to) conditions.push(sql`h.date <= ${isoDay(endOfPeriod(parseEventDate(filter.to)))}::date`);
  if (filter.q) conditions.push(sql`${SNAPSHOT_SEARCH} @@ websearch_to_tsquery('english', ${filter.q})`);
  return Prisma.join(conditions, ' AND ');
}

/**
 * "As known at": events answered from event_revisions, the latest snapshot per event recorded at or
 * before a time. Filtering runs in SQL over the jsonb snapshots, so it needs no second filter in JS.
 */
@Injectable()
export class EventHistoryRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The event (by id or current slug) as recorded at `asOf`, or null if it did not exist yet. */
  async findAsOf(ref: string, asOf: Date): Promise<EventView | null> {
    const rows = await this.prisma.$queryRaw<{ snapshot: EventView }[]>`
      SELECT r.snapshot FROM event_revisions r
      WHERE r.event_id = (SELECT id FROM events WHERE id::text = ${ref} OR slug = ${ref} LIMIT 1)
        AND r.created_at <= ${asOf}
      ORDER BY r.version DESC LIMIT 1`;
    return rows[0]?.snapshot ?? null;
  }

  async pageAsOf(query: HistoryPageQuery): Promise<{ items: EventView[]; next: EventCursor | null }> {
    const { filter, cursor, limit, asOf } = query;
    const ranked = Boolean(filter.q);
    const rank = ranked ? sql`ts_rank(${SNAPSHOT_SEARCH}, websearch_to_tsquery('english', ${filter.q}))::float8` : sql`NULL::float8`;
    let after = Prisma.empty;
    if (cursor) {
      after = ranked
        ? sql`AND (${rank}, h.date, h.id) < (${cursor.rank ?? 0}::float8, ${cursor.date}::date, ${cursor.id}::uuid)`
        : sql`AND (h.date, h.id) < (${cursor.date}::date, ${cursor.id}::uuid)`;
    }
    const order = ranked ? sql`ORDER BY 4 DESC, h.date DESC, h.id DESC` : sql`ORDER BY h.date DESC, h.id DESC`;
    const rows = await this.prisma.$queryRaw<{ id: string; date: Date; snapshot: EventView; rank: number | null }[]>`
      WITH h AS (
        SELECT DISTINCT ON (r.event_id) r.event_id AS id, r.snapshot, ${SNAPSHOT_DATE} AS date
        FROM event_revisions r WHERE r.created_at <= ${asOf}
        ORDER BY r.event_id, r.version DESC
      )
      SELECT h.id, h.date, h.snapshot, ${rank} AS rank FROM h
      WHERE ${snapshotConditionsSql(filter, query.statuses)} ${after}
      ${order}
      LIMIT ${limit + 1}`;
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const next = more && last ? { date: isoDay(last.date), id: last.id, ...(ranked ? { rank: Number(last.rank ?? 0) } : {}) } : null;
    return { items: page.map((r) => r.snapshot), next };
  }
}
