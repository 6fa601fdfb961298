import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService, prismaSql, type SqlRunner } from '@app/db';
import { isUuid, isoDay, type EventCursor, type EventFilter, type EventStatus, type EventView } from '@app/domain';
import { filterConditionsSql } from './event-filter.sql';
import { eventViewsSql, toEventView, type EventViewRow } from './event-view.mapper';

export interface EventPageQuery {
  filter: EventFilter;
  statuses: readonly EventStatus[];
  limit: number;
  cursor?: EventCursor;
  relatedWindowDays: number;
}

export interface EventPage {
  items: EventView[];
  /** Position after the last item, when there may be more. */
  next: EventCursor | null;
}

interface PageRow {
  id: string;
  date: Date;
  rank: number | null;
}

export interface RevisionRecord {
  version: number;
  action: string;
  changes: string[];
  authorName: string;
  createdAt: Date;
  snapshot: EventView;
}

/** Reads of events. Writes live in EventWritesRepository, one transaction each. */
@Injectable()
export class EventsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * By id, else by slug. `sql`: the transaction to read in, if any. Each lookup is its own index probe: as
   * `e.id = … OR e.slug = …`, a plan cached on a connection (prepared statements) scanned the whole table.
   */
  async findByRef(ref: string, sql: SqlRunner = prismaSql(this.prisma)): Promise<EventView | null> {
    const where = isUuid(ref)
      ? Prisma.sql`e.id = coalesce((SELECT id FROM events WHERE id = ${ref}::uuid), (SELECT id FROM events WHERE slug = ${ref}))`
      : Prisma.sql`e.slug = ${ref}`;
    const rows = await sql.query<EventViewRow>(eventViewsSql(Prisma.sql`${where} LIMIT 1`));
    return rows[0] ? toEventView(rows[0]) : null;
  }

  async findByIds(ids: string[]): Promise<EventView[]> {
    if (!ids.length) return [];
    const rows = await this.prisma.$queryRaw<EventViewRow[]>(eventViewsSql(Prisma.sql`e.id = ANY (${ids}::uuid[])`));
    const byId = new Map(rows.map((r) => [r.id, toEventView(r)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** A keyset page: newest first, or by full-text rank first when `q` is given. */
  async page(query: EventPageQuery): Promise<EventPage> {
    const { filter, cursor, limit } = query;
    const where = filterConditionsSql(filter, query.statuses, query.relatedWindowDays);
    const ranked = Boolean(filter.q);
    const rank = ranked ? Prisma.sql`ts_rank(e.search, websearch_to_tsquery('english', ${filter.q}))::float8` : Prisma.sql`NULL::float8`;
    let after = Prisma.empty;
    if (cursor) {
      after = ranked
        ? Prisma.sql`AND (${rank}, e.date, e.id) < (${cursor.rank ?? 0}::float8, ${cursor.date}::date, ${cursor.id}::uuid)`
        : Prisma.sql`AND (e.date, e.id) < (${cursor.date}::date, ${cursor.id}::uuid)`;
    }
    const order = ranked ? Prisma.sql`ORDER BY 3 DESC, e.date DESC, e.id DESC` : Prisma.sql`ORDER BY e.date DESC, e.id DESC`;
    const rows = await this.prisma.$queryRaw<PageRow[]>`
      SELECT e.id, e.date, ${rank} AS rank FROM events e
      WHERE ${where} ${after}
      ${order}
      LIMIT ${limit + 1}`;
    const more = rows.length > limit;
    const pageRows = rows.slice(0, limit);
    const items = await this.findByIds(pageRows.map((r) => r.id));
    const last = pageRows[pageRows.length - 1];
    const next = more && last ? { date: isoDay(last.date), id: last.id, ...(ranked ? { rank: Number(last.rank ?? 0) } : {}) } : null;
    return { items, next };
  }

  async revisions(eventId: string): Promise<RevisionRecord[]> {
    const rows = await this.prisma.eventRevision.findMany({ where: { eventId }, orderBy: { version: 'desc' } });
    return rows.map((r) => ({
      version: r.version,
      action: r.action,
      changes: r.changes,
      authorName: r.authorName,
      createdAt: r.createdAt,
      snapshot: r.snapshot as unknown as EventView,
    }));
  }

  async listActors(): Promise<{ code: string; name: string; kind: string; memberOf: string[]; eventCount: number }[]> {
    const rows = await this.prisma.actor.findMany({
      orderBy: { code: 'asc' },
      include: { memberships: { select: { groupCode: true } }, _count: { select: { events: true } } },
    });
    return rows.map((a) => ({
      code: a.code,
      name: a.name,
      kind: a.kind,
      memberOf: a.memberships.map((m) => m.groupCode).sort(),
      eventCount: a._count.events,
    }));
  }

  async listTags(): Promise<{ slug: string; name: string; eventCount: number }[]> {
    const rows = await this.prisma.tag.findMany({ orderBy: { slug: 'asc' }, include: { _count: { select: { events: true } } } });
    return rows.map((t) => ({ slug: t.slug, name: t.name, eventCount: t._count.events }));
  }
}
