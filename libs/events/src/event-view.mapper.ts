import { Prisma } from '@app/db';
import { formatEventDate, type DatePrecision, type EventView, type RelationView } from '@app/domain';

/**
 * Events as EventViews in one raw query: the event's columns, and its actors, tags, sources and relations as JSON
 * arrays built by Postgres. Hand-written because it runs on every read and every write: Prisma's relation-join
 * include for the same view was compiled by its query compiler on every call, the largest single cost of a
 * POST /v1/events (38 % of the api's busy time in a CPU profile of sequential POSTs).
 */
export function eventViewsSql(where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT e.id::text, e.slug, e.title, e.summary, e.kind::text, e.date, e.date_precision::text AS "datePrecision",
      e.end_date AS "endDate", e.end_date_precision::text AS "endDatePrecision", e.status::text,
      e.status_reason AS "statusReason", e.merged_into_id::text AS "mergedIntoId", e.version,
      e.created_at AS "createdAt", e.updated_at AS "updatedAt", e.published_at AS "publishedAt",
      coalesce((SELECT json_agg(json_build_object('code', ea.actor_code, 'name', a.name, 'role', ea.role) ORDER BY ea.actor_code)
        FROM event_actors ea JOIN actors a ON a.code = ea.actor_code WHERE ea.event_id = e.id), '[]') AS actors,
      coalesce((SELECT json_agg(et.tag_slug ORDER BY et.tag_slug) FROM event_tags et WHERE et.event_id = e.id), '[]') AS tags,
      coalesce((SELECT json_agg(json_build_object('url', s.url, 'publisher', s.publisher, 'title', s.title,
          'publishedAt', s.published_at, 'quote', es.quote) ORDER BY es.position)
        FROM event_sources es JOIN sources s ON s.id = es.source_id WHERE es.event_id = e.id), '[]') AS sources,
      coalesce((SELECT json_agg(json_build_object('id', r.id, 'type', r.type, 'status', r.status, 'direction', 'outgoing',
          'event', json_build_object('id', o.id, 'slug', o.slug, 'title', o.title, 'date', o.date, 'datePrecision', o.date_precision))
          ORDER BY r.created_at)
        FROM relations r JOIN events o ON o.id = r.to_id WHERE r.from_id = e.id), '[]') AS outgoing,
      coalesce((SELECT json_agg(json_build_object('id', r.id, 'type', r.type, 'status', r.status, 'direction', 'incoming',
          'event', json_build_object('id', o.id, 'slug', o.slug, 'title', o.title, 'date', o.date, 'datePrecision', o.date_precision))
          ORDER BY r.created_at)
        FROM relations r JOIN events o ON o.id = r.from_id WHERE r.to_id = e.id), '[]') AS incoming
    FROM events e
    WHERE ${where}`;
}

interface RelationJson {
  id: string;
  type: RelationView['type'];
  status: RelationView['status'];
  direction: RelationView['direction'];
  event: { id: string; slug: string; title: string; date: string; datePrecision: DatePrecision };
}

/** A row of eventViewsSql. */
export interface EventViewRow {
  id: string;
  slug: string;
  title: string;
  summary: string;
  kind: EventView['kind'];
  date: Date;
  datePrecision: DatePrecision;
  endDate: Date | null;
  endDatePrecision: DatePrecision | null;
  status: EventView['status'];
  statusReason: string | null;
  mergedIntoId: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
  actors: { code: string; name: string; role: EventView['actors'][number]['role'] }[];
  tags: string[];
  sources: { url: string; publisher: string; title: string | null; publishedAt: string | null; quote: string | null }[];
  outgoing: RelationJson[];
  incoming: RelationJson[];
}

const ROLE_ORDER = { initiator: 0, target: 1, participant: 2 } as const;

/** A date Postgres rendered in JSON ("2025-04-02"): midnight UTC, as the driver reads a date column. */
const jsonDate = (value: string): Date => new Date(`${value.slice(0, 10)}T00:00:00.000Z`);

function relation(r: RelationJson): RelationView {
  const e = r.event;
  return {
    id: r.id,
    type: r.type,
    status: r.status,
    direction: r.direction,
    event: { id: e.id, slug: e.slug, title: e.title, date: formatEventDate(jsonDate(e.date), e.datePrecision) },
  };
}

export function toEventView(row: EventViewRow): EventView {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    kind: row.kind,
    date: formatEventDate(row.date, row.datePrecision),
    datePrecision: row.datePrecision,
    endDate: row.endDate ? formatEventDate(row.endDate, row.endDatePrecision ?? 'day') : null,
    actors: row.actors.sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.code.localeCompare(b.code)),
    tags: row.tags,
    sources: row.sources.map((s) => ({
      url: s.url,
      publisher: s.publisher,
      title: s.title,
      publishedAt: s.publishedAt ? new Date(s.publishedAt).toISOString() : null,
      quote: s.quote,
    })),
    relations: [...row.outgoing.map(relation), ...row.incoming.map(relation)],
    status: row.status,
    statusReason: row.statusReason,
    mergedInto: row.mergedIntoId,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
  };
}
