import { Prisma } from '@app/db';
import { endOfPeriod, isoDay, parseEventDate, type EventFilter, type EventStatus } from '@app/domain';

const sql = Prisma.sql;

/** The events an anchor set (ids or slugs) resolves to, as a SQL subquery. */
export function anchorIdsSql(refs: string[]): Prisma.Sql {
  return sql`(SELECT a.id FROM events a WHERE a.slug IN (${Prisma.join(refs)}) OR a.id::text IN (${Prisma.join(refs)}))`;
}

/**
 * Ids of events related to any anchor: confirmed relations either way up to two hops, or a shared actor
 * and a shared tag within `windowDays`. The one definition of relatedness (see RelatednessRepository for
 * the ranked, explained form); anchors themselves are not related to themselves.
 */
export function relatedIdsSql(refs: string[], windowDays: number): Prisma.Sql {
  const anchors = anchorIdsSql(refs);
  // Walks the relations table through its indexes (from_id, to_id) rather than materialising every edge,
  // and finds the actor+tag neighbours through the date index: fan-out runs this once per published change.
  return sql`(
    WITH RECURSIVE walk(id, depth) AS (
      SELECT r.to_id, 1 FROM relations r WHERE r.status = 'confirmed' AND r.from_id IN ${anchors}
      UNION
      SELECT r.from_id, 1 FROM relations r WHERE r.status = 'confirmed' AND r.to_id IN ${anchors}
      UNION
      SELECT CASE WHEN r.from_id = w.id THEN r.to_id ELSE r.from_id END, w.depth + 1
      FROM walk w JOIN relations r ON r.status = 'confirmed' AND (r.from_id = w.id OR r.to_id = w.id)
      WHERE w.depth < 2
    )
    SELECT w.id FROM walk w WHERE w.id NOT IN ${anchors}
    UNION
    SELECT o.id FROM events an JOIN events o
      ON o.date BETWEEN an.date - ${windowDays}::int AND an.date + ${windowDays}::int AND o.id <> an.id
    WHERE an.id IN ${anchors}
      AND EXISTS (SELECT 1 FROM event_actors x JOIN event_actors y ON y.actor_code = x.actor_code
                  WHERE x.event_id = o.id AND y.event_id = an.id)
      AND EXISTS (SELECT 1 FROM event_tags x JOIN event_tags y ON y.tag_slug = x.tag_slug
                  WHERE x.event_id = o.id AND y.event_id = an.id)
  )`;
}

/** SQL conditions on alias `e` (events) for a filter and a set of statuses, joined with AND. */
export function filterConditionsSql(filter: EventFilter, statuses: readonly EventStatus[], relatedWindowDays: number): Prisma.Sql {
  const conditions: Prisma.Sql[] = [sql`e.status::text IN (${Prisma.join([...statuses])})`];
  if (filter.actors?.length) {
    // Codes compare case-insensitively: "US,us" is one actor, or actorsMode=all would count it twice.
    const lowered = [...new Set(filter.actors.map((a) => a.toLowerCase()))];
    const codes = sql`(SELECT code FROM actors WHERE lower(code) IN (${Prisma.join(lowered)}))`;
    if (filter.actorsMode === 'all') {
      conditions.push(
        sql`(SELECT count(*) FROM event_actors ea WHERE ea.event_id = e.id AND ea.actor_code IN ${codes}) = ${lowered.length}::int`,
      );
    } else {
      conditions.push(sql`EXISTS (SELECT 1 FROM event_actors ea WHERE ea.event_id = e.id AND ea.actor_code IN ${codes})`);
    }
  }
  if (filter.tags?.length) {
    conditions.push(sql`EXISTS (SELECT 1 FROM event_tags et WHERE et.event_id = e.id AND et.tag_slug IN (${Prisma.join(filter.tags)}))`);
  }
  if (filter.kinds?.length) conditions.push(sql`e.kind::text IN (${Prisma.join(filter.kinds)})`);
  if (filter.from) conditions.push(sql`e.date >= ${isoDay(parseEventDate(filter.from).date)}::date`);
  if (filter.to) conditions.push(sql`e.date <= ${isoDay(endOfPeriod(parseEventDate(filter.to)))}::date`);
  if (filter.q) conditions.push(sql`e.search @@ websearch_to_tsquery('english', ${filter.q})`);
  if (filter.relatedTo?.length) conditions.push(sql`e.id IN ${relatedIdsSql(filter.relatedTo, relatedWindowDays)}`);
  return Prisma.join(conditions, ' AND ');
}
