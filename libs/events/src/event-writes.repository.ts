import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PreparedStatements, Prisma, PrismaService, prismaSql, type SqlRunner } from '@app/db';
import { auditInsertSql } from '@app/access';
import {
  DuplicateEventError,
  InvalidStateError,
  NotFoundError,
  StaleVersionError,
  ValidationError,
  isUuid,
  isoDay,
  type Author,
  type EventView,
  type FieldError,
} from '@app/domain';
import { EventsRepository } from './events.repository';
import type { NormalizedEvent, NormalizedEventPatch } from './event-input';

export interface LockedEvent {
  view: EventView;
  date: Date;
  normalizedTitle: string;
}

/**
 * What an outbox row announces. The first three are public webhook types; `event.draft_changed` records a
 * change nobody outside sees (a draft saved, a draft retracted): no subscription can ask for it, so fan-out
 * delivers nothing, but every write leaves its row, as the architecture promises.
 */
export type OutboxType = 'event.published' | 'event.updated' | 'event.retracted' | 'event.draft_changed';

/** Fields compared between two versions to say what a revision changed. */
const TRACKED_FIELDS = [
  'slug',
  'title',
  'summary',
  'kind',
  'date',
  'endDate',
  'actors',
  'tags',
  'sources',
  'relations',
  'status',
  'statusReason',
  'mergedInto',
] as const;

export function changedFields(before: EventView | null, after: EventView): string[] {
  if (!before) return [...TRACKED_FIELDS];
  return TRACKED_FIELDS.filter((field) => JSON.stringify(comparable(before, field)) !== JSON.stringify(comparable(after, field)));
}

/** A field as an edit changes it: a relation written again with the same type, status and event is the same relation. */
function comparable(view: EventView, field: (typeof TRACKED_FIELDS)[number]): unknown {
  if (field !== 'relations') return view[field];
  return view.relations.map((r) => [r.type, r.status, r.direction, r.event.id]);
}

/** Thrown inside an edit's transaction to roll back an edit that changed nothing; carries the event as it is. */
class NothingChanged extends Error {
  constructor(readonly event: EventView) {
    super('Nothing changed');
  }
}

interface DuplicateHit {
  id: string;
  slug: string;
  url: string | null;
}

/**
 * A live event with the same date and title, or citing one of the same sources, makes this one a duplicate: both
 * checks in one query, the same title and date reported first.
 */
function duplicateSql(input: { normalizedTitle: string; date: Date; sources: { url: string }[] }, selfId: string | null): Prisma.Sql {
  const other = selfId ? Prisma.sql`AND e.id <> ${selfId}::uuid` : Prisma.empty;
  return Prisma.sql`
    SELECT id, slug, url FROM (
      (SELECT 0 AS rank, e.id::text AS id, e.slug, NULL::text AS url FROM events e
       WHERE e.date = ${isoDay(input.date)}::date AND e.normalized_title = ${input.normalizedTitle}
         AND e.status <> 'merged' ${other} LIMIT 1)
      UNION ALL
      (SELECT 1, e.id::text, e.slug, s.url FROM sources s
       JOIN event_sources es ON es.source_id = s.id JOIN events e ON e.id = es.event_id
       WHERE s.url = ANY (${input.sources.map((s) => s.url)}::text[]) AND e.status <> 'merged' ${other} LIMIT 1)
    ) hits ORDER BY rank LIMIT 1`;
}

function throwIfDuplicate(hit: DuplicateHit | null): void {
  if (hit) throw new DuplicateEventError(hit.id, hit.slug, hit.url ? `source ${hit.url} is already cited` : 'same date and title');
}

/** The known actor codes among those given, whatever their case. */
function knownActorsSql(actors: NormalizedEvent['actors']): Prisma.Sql {
  return Prisma.sql`SELECT code FROM actors WHERE lower(code) = ANY (${actors.map((a) => a.code.toLowerCase())}::text[])`;
}

/** The actors with their canonical codes; unknown and repeated actors are refused, field by field. */
function canonicalActors(actors: NormalizedEvent['actors'], knownCodes: string[]): NormalizedEvent['actors'] {
  const canonical = new Map(knownCodes.map((code) => [code.toLowerCase(), code]));
  const errors: FieldError[] = [];
  const resolved = actors.map((a, i) => {
    const code = canonical.get(a.code.toLowerCase());
    if (!code) errors.push({ path: `actors[${i}].code`, message: `unknown actor "${a.code}" (see GET /v1/actors)` });
    return { code: code ?? a.code, role: a.role };
  });
  const seen = new Set<string>();
  resolved.forEach((a, i) => {
    if (seen.has(a.code)) errors.push({ path: `actors[${i}].code`, message: `actor "${a.code}" is listed twice` });
    seen.add(a.code);
  });
  if (errors.length) throw new ValidationError('Invalid actors', errors);
  return resolved;
}

/** The slugs an event asking for `wanted` may get, in order: wanted, wanted-2, wanted-3, … */
function slugCandidates(wanted: string, from: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => (from + i === 1 ? wanted : `${wanted}-${from + i}`));
}

const SLUG_CANDIDATES = 20;

/**
 * The taken slugs among twenty candidates, from candidate `from` on. Equality on a list rather than a prefix match:
 * a cached plan (see PreparedStatements.transaction) can look a parameter up in the index, but not match it as a
 * prefix.
 */
function takenSlugsSql(wanted: string, from = 1): Prisma.Sql {
  return Prisma.sql`SELECT slug FROM events WHERE slug = ANY (${slugCandidates(wanted, from, SLUG_CANDIDATES)}::text[])`;
}

/** The first free slug among the candidates from `from` on, or null when all of them are taken. */
function pickSlug(wanted: string, taken: string[], from = 1): string | null {
  const used = new Set(taken);
  return slugCandidates(wanted, from, SLUG_CANDIDATES).find((slug) => !used.has(slug)) ?? null;
}

/**
 * Every write to an event is one transaction: the change, its revision, its audit entry, the outbox row
 * that tells the worker, and the timeline version bump that invalidates cached lists and feeds.
 */
@Injectable()
export class EventWritesRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly statements: PreparedStatements,
    private readonly events: EventsRepository,
  ) {}

  /**
   * The write that runs at publishing rate, on a pg transaction of prepared statements (see
   * PreparedStatements.transaction); the rarer writes below stay on Prisma. Both share the SQL helpers.
   */
  async create(input: NormalizedEvent, author: Author): Promise<EventView> {
    return this.statements.transaction(async (sql) => {
      await this.lockEventIdentity(sql, [
        `title:${isoDay(input.date.date)}:${input.normalizedTitle}`,
        `slug:${input.slug}`,
        ...input.sources.map((s) => `source:${s.url}`),
      ]);
      // The three checks a creation reads before it writes, in one round trip: a duplicate, the actors' codes, the
      // slugs taken.
      const [checks] = await sql.query<{ duplicate: DuplicateHit | null; actors: string[]; slugs: string[] }>(Prisma.sql`
        SELECT (SELECT row_to_json(d) FROM (${duplicateSql({ ...input, date: input.date.date }, null)}) d) AS duplicate,
          ARRAY(${knownActorsSql(input.actors)}) AS actors,
          ARRAY(${takenSlugsSql(input.slug)}) AS slugs`);
      throwIfDuplicate(checks.duplicate);
      const actors = canonicalActors(input.actors, checks.actors);
      const relations = await this.resolveRelations(sql, input.relations);
      const slug = pickSlug(input.slug, checks.slugs) ?? (await this.freeSlug(sql, input.slug, 1 + SLUG_CANDIDATES));
      const id = randomUUID();
      const now = new Date();
      // The event row goes in the same statement as its links.
      const event = Prisma.sql`new_event AS (
        INSERT INTO events (id, slug, title, normalized_title, summary, kind, date, date_precision, end_date, end_date_precision,
          status, published_at, updated_at)
        VALUES (${id}::uuid, ${slug}, ${input.title}, ${input.normalizedTitle}, ${input.summary}, ${input.kind}::"EventKind",
          ${isoDay(input.date.date)}::date, ${input.date.precision}::"DatePrecision", ${input.endDate ? isoDay(input.endDate.date) : null}::date,
          ${input.endDate?.precision ?? null}::"DatePrecision", ${input.status}::"EventStatus",
          ${input.status === 'published' ? now : null}::timestamptz, ${now}::timestamptz))`;
      await this.writeLinks(sql, id, { actors, tags: input.tags, sources: input.sources }, event);
      await this.writeRelations(sql, id, relations);
      return this.record(sql, id, null, 'created', author, {
        type: input.status === 'published' ? 'event.published' : 'event.draft_changed',
      });
    });
  }

  /**
   * An edit that changes nothing (an empty patch, or the values the event already has) is rolled back and answered
   * with the event as it is: no new version, no revision, and no event.updated webhook for subscribers to ignore.
   */
  async update(id: string, patch: NormalizedEventPatch, expectedVersion: number, author: Author): Promise<EventView> {
    try {
      return await this.applyUpdate(id, patch, expectedVersion, author);
    } catch (error) {
      if (error instanceof NothingChanged) return error.event;
      throw error;
    }
  }

  private async applyUpdate(id: string, patch: NormalizedEventPatch, expectedVersion: number, author: Author): Promise<EventView> {
    return this.prisma.$transaction(async (tx) => {
      const sql = prismaSql(tx);
      const identityChanges =
        patch.title !== undefined || patch.date !== undefined || patch.sources !== undefined || patch.slug !== undefined;
      // Edits that change identity are rare: they take every identity at once (a lock all creations also take).
      if (identityChanges) await this.lockEventIdentity(sql, ['*']);
      const { view: before, date, normalizedTitle } = await this.lockForChange(sql, id, expectedVersion);
      if (identityChanges) {
        await this.assertNotDuplicate(
          sql,
          { normalizedTitle: patch.normalizedTitle ?? normalizedTitle, date: patch.date?.date ?? date, sources: patch.sources ?? [] },
          id,
        );
      }
      const data: Prisma.EventUpdateInput = { version: { increment: 1 } };
      if (patch.title !== undefined) {
        data.title = patch.title;
        data.normalizedTitle = patch.normalizedTitle;
      }
      if (patch.summary !== undefined) data.summary = patch.summary;
      if (patch.kind !== undefined) data.kind = patch.kind;
      if (patch.date !== undefined) {
        data.date = patch.date.date;
        data.datePrecision = patch.date.precision;
      }
      if (patch.endDate !== undefined) {
        data.endDate = patch.endDate?.date ?? null;
        data.endDatePrecision = patch.endDate?.precision ?? null;
      }
      if (patch.slug !== undefined && patch.slug !== before.slug) data.slug = await this.freeSlug(sql, patch.slug);
      const actors = patch.actors !== undefined ? await this.resolveActors(sql, patch.actors) : undefined;
      if (actors !== undefined) await tx.eventActor.deleteMany({ where: { eventId: id } });
      if (patch.tags !== undefined) await tx.eventTag.deleteMany({ where: { eventId: id } });
      if (patch.sources !== undefined) await tx.eventSource.deleteMany({ where: { eventId: id } });
      await this.writeLinks(sql, id, { actors, tags: patch.tags, sources: patch.sources });
      if (patch.relations !== undefined) {
        const relations = await this.resolveRelations(sql, patch.relations, id);
        await tx.relation.deleteMany({ where: { fromId: id } });
        await this.writeRelations(sql, id, relations);
      }
      await tx.event.update({ where: { id }, data });
      if (before.status === 'published' && patch.sources?.length === 0) {
        throw new ValidationError('A published event needs a source', [
          { path: 'sources', message: 'must not be empty while the event is published' },
        ]);
      }
      const after = await this.events.findByRef(id, sql);
      if (!after) throw new NotFoundError('Event', id);
      if (changedFields(before, after).length === 0) throw new NothingChanged(before);
      // An edit never changes the status: the event is published (or not) before and after.
      return this.record(
        sql,
        id,
        before,
        'updated',
        author,
        { type: before.status === 'published' ? 'event.updated' : 'event.draft_changed' },
        {},
        after,
      );
    });
  }

  async publish(id: string, expectedVersion: number | undefined, author: Author): Promise<EventView> {
    return this.prisma.$transaction(async (tx) => {
      const sql = prismaSql(tx);
      const { view: before } = await this.lockForChange(sql, id, expectedVersion);
      if (before.status === 'published') return before;
      if (before.status === 'merged')
        throw new InvalidStateError(`Event ${before.slug} was merged into ${before.mergedInto}; it cannot be published`);
      if (before.sources.length === 0) {
        throw new ValidationError('An event needs a source before it is published', [
          { path: 'sources', message: 'must cite at least one source' },
        ]);
      }
      await tx.event.update({
        where: { id },
        data: {
          status: 'published',
          statusReason: null,
          version: { increment: 1 },
          publishedAt: before.publishedAt ? undefined : new Date(),
        },
      });
      return this.record(sql, id, before, 'published', author, { type: 'event.published' });
    });
  }

  async retract(id: string, reason: string, expectedVersion: number | undefined, author: Author): Promise<EventView> {
    return this.prisma.$transaction(async (tx) => {
      const sql = prismaSql(tx);
      const { view: before } = await this.lockForChange(sql, id, expectedVersion);
      if (before.status === 'retracted') return before;
      if (before.status === 'merged') throw new InvalidStateError(`Event ${before.slug} was merged; it cannot be retracted`);
      await tx.event.update({ where: { id }, data: { status: 'retracted', statusReason: reason, version: { increment: 1 } } });
      return this.record(sql, id, before, 'retracted', author, {
        type: before.status === 'published' ? 'event.retracted' : 'event.draft_changed',
        payload: { reason },
      });
    });
  }

  // ——— inside a transaction ———

  /**
   * Serialises the writes that could make two events one (same date and title, same source URL, same slug):
   * without it, two concurrent creations both pass the duplicate check and the loser hits a unique index.
   * Creations lock only their own identity keys, so unrelated creations run in parallel; `'*'` (identity
   * edits) stands for every key. Shared '*' first, then keys in sorted order: no two writers deadlock.
   * Taken before any row lock.
   */
  async lockEventIdentity(sql: SqlRunner, keys: string[]): Promise<void> {
    if (keys.includes('*')) {
      await sql.query(Prisma.sql`SELECT pg_advisory_xact_lock(hashtext('trade-timeline:event-identity'))::text`);
      return;
    }
    const sorted = [...new Set(keys)].sort().map((key) => `trade-timeline:${key}`);
    // One round trip: the uncorrelated EXISTS is an init plan, run once before the first row, so the shared lock
    // comes first; unnest keeps the array's order, so the keys follow in sorted order.
    await sql.query(Prisma.sql`
      WITH shared AS MATERIALIZED (SELECT pg_advisory_xact_lock_shared(hashtext('trade-timeline:event-identity')))
      SELECT count(pg_advisory_xact_lock(hashtext(k)))::int AS locked FROM unnest(${sorted}::text[]) AS k
      WHERE EXISTS (SELECT 1 FROM shared)`);
  }

  /** Locks the row, checks the version the client saw, and returns the event as it was. */
  async lockForChange(sql: SqlRunner, id: string, expectedVersion: number | undefined): Promise<LockedEvent> {
    const locked = await sql.query<{ version: number; date: Date; normalized_title: string }>(Prisma.sql`
      SELECT version, date, normalized_title FROM events WHERE id = ${id}::uuid FOR UPDATE`);
    const row = locked[0];
    if (!row) throw new NotFoundError('Event', id);
    if (expectedVersion !== undefined && row.version !== expectedVersion) throw new StaleVersionError(row.version);
    const view = await this.events.findByRef(id, sql);
    if (!view) throw new NotFoundError('Event', id);
    return { view, date: row.date, normalizedTitle: row.normalized_title };
  }

  /**
   * Ends every write: reads the event's new state (or takes it as `written`, where the caller has read it) and, in
   * one statement, writes its revision, its audit entry and the outbox row that tells the worker, bumps the timeline
   * version (which invalidates cached lists and feeds) and NOTIFYs the relay (delivered on commit only) with the row's
   * id and creation time in ms ("<id> <ms>", read by parseOutboxNotice): all the relay needs to queue the row without
   * reading it. The version is the sum of 16 slots and each write bumps the next slot in turn, so up to 16 writes in
   * flight never wait on each other's row lock (one row for all made writes commit one WAL flush at a time); the
   * subquery draws from the sequence once, not per row.
   */
  async record(
    sql: SqlRunner,
    id: string,
    before: EventView | null,
    action: string,
    author: Author,
    outbox: { type: OutboxType; payload?: Record<string, unknown> },
    details: Record<string, unknown> = {},
    written?: EventView,
  ): Promise<EventView> {
    const view = written ?? (await this.events.findByRef(id, sql));
    if (!view) throw new NotFoundError('Event', id);
    await sql.query(Prisma.sql`
      WITH revision AS (
        INSERT INTO event_revisions (id, event_id, version, snapshot, changes, action, author_key_id, author_name, created_at)
        VALUES (gen_random_uuid(), ${id}::uuid, ${view.version}::int, ${JSON.stringify(view)}::jsonb,
          ${changedFields(before, view)}::text[], ${action}, ${author.keyId}::uuid, ${author.name}, ${new Date()})
      ), audit AS (
        ${auditInsertSql(author, {
          action: `event.${action}`,
          targetType: 'event',
          targetId: id,
          details: { slug: view.slug, version: view.version, ...details },
        })}
      ), outbox AS (
        INSERT INTO outbox_entries (type, event_id, event_version, payload)
        VALUES (${outbox.type}, ${id}::uuid, ${view.version}::int, ${JSON.stringify(outbox.payload ?? {})}::jsonb)
        RETURNING id, created_at
      ), bump AS (
        UPDATE timeline_state SET version = version + 1, updated_at = now()
        WHERE id = (SELECT 1 + (nextval('timeline_state_slot') % 16)::int)
      )
      SELECT pg_notify('outbox', (SELECT id::text || ' ' || (extract(epoch FROM created_at) * 1000)::bigint::text FROM outbox))::text`);
    return view;
  }

  private async assertNotDuplicate(
    sql: SqlRunner,
    input: { normalizedTitle: string; date: Date; sources: { url: string }[] },
    selfId: string | null,
  ): Promise<void> {
    const [hit] = await sql.query<DuplicateHit>(duplicateSql(input, selfId));
    throwIfDuplicate(hit ?? null);
  }

  private async resolveActors(sql: SqlRunner, actors: NormalizedEvent['actors']): Promise<NormalizedEvent['actors']> {
    if (!actors.length) return [];
    const known = await sql.query<{ code: string }>(knownActorsSql(actors));
    return canonicalActors(
      actors,
      known.map((k) => k.code),
    );
  }

  private async resolveRelations(
    sql: SqlRunner,
    relations: NormalizedEvent['relations'],
    selfId?: string,
  ): Promise<{ type: NormalizedEvent['relations'][number]['type']; toId: string }[]> {
    if (!relations.length) return [];
    const refs = relations.map((r) => r.to);
    const found = await sql.query<{ id: string; slug: string }>(Prisma.sql`
      SELECT id::text, slug FROM events WHERE slug = ANY (${refs}::text[]) OR id = ANY (${refs.filter(isUuid)}::uuid[])`);
    const errors: FieldError[] = [];
    const resolved = relations.map((r, i) => {
      const target = found.find((f) => f.id === r.to || f.slug === r.to);
      if (!target) errors.push({ path: `relations[${i}].to`, message: `no event "${r.to}"` });
      else if (target.id === selfId) errors.push({ path: `relations[${i}].to`, message: 'an event cannot relate to itself' });
      return { type: r.type, toId: target?.id ?? '' };
    });
    if (errors.length) throw new ValidationError('Invalid relations', errors);
    const unique = new Map(resolved.map((r) => [`${r.type}:${r.toId}`, r]));
    return [...unique.values()];
  }

  /** The wanted slug, or the first of wanted-2, wanted-3, … that is free, looking from candidate `from` on. */
  private async freeSlug(sql: SqlRunner, wanted: string, from = 1): Promise<string> {
    for (let start = from; ; start += SLUG_CANDIDATES) {
      const taken = await sql.query<{ slug: string }>(takenSlugsSql(wanted, start));
      const slug = pickSlug(
        wanted,
        taken.map((t) => t.slug),
        start,
      );
      if (slug) return slug;
    }
  }

  /**
   * An event's actors, tags and sources in one statement (the tags and sources themselves created or refreshed on
   * the way), after `first` (a creation's event row) when given: a publish is a handful of round trips, and these
   * were seven of them. Parts left undefined are not touched.
   */
  private async writeLinks(
    db: SqlRunner,
    eventId: string,
    links: { actors?: NormalizedEvent['actors']; tags?: NormalizedEvent['tags']; sources?: NormalizedEvent['sources'] },
    first?: Prisma.Sql,
  ): Promise<void> {
    const sql = Prisma.sql;
    const writes: Prisma.Sql[] = first ? [first] : [];
    const { actors = [], tags = [], sources = [] } = links;
    if (actors.length) {
      writes.push(sql`linked_actors AS (
        INSERT INTO event_actors (event_id, actor_code, role)
        SELECT ${eventId}::uuid, a.code, a.role::"ActorRole"
        FROM unnest(${actors.map((a) => a.code)}::text[], ${actors.map((a) => a.role)}::text[]) AS a(code, role))`);
    }
    if (tags.length) {
      const slugs = tags.map((t) => t.slug);
      writes.push(
        sql`known_tags AS (
          INSERT INTO tags (slug, name) SELECT * FROM unnest(${slugs}::text[], ${tags.map((t) => t.name)}::text[])
          ON CONFLICT DO NOTHING)`,
        sql`linked_tags AS (
          INSERT INTO event_tags (event_id, tag_slug) SELECT ${eventId}::uuid, slug FROM unnest(${slugs}::text[]) AS slug
          ON CONFLICT DO NOTHING)`,
      );
    }
    if (sources.length) {
      const urls = sources.map((s) => s.url);
      // A source already known keeps its title and date unless this write gives them.
      writes.push(
        sql`known_sources AS (
          INSERT INTO sources (id, url, publisher, title, published_at)
          SELECT gen_random_uuid(), s.url, s.publisher, s.title, s.published_at
          FROM unnest(${urls}::text[], ${sources.map((s) => s.publisher)}::text[], ${sources.map((s) => s.title ?? null)}::text[],
            ${sources.map((s) => s.publishedAt?.toISOString() ?? null)}::timestamptz[]) AS s(url, publisher, title, published_at)
          ON CONFLICT (url) DO UPDATE SET publisher = excluded.publisher, title = coalesce(excluded.title, sources.title),
            published_at = coalesce(excluded.published_at, sources.published_at)
          RETURNING id, url)`,
        sql`linked_sources AS (
          INSERT INTO event_sources (event_id, source_id, quote, position)
          SELECT ${eventId}::uuid, s.id, i.quote, i.position::int - 1
          FROM unnest(${urls}::text[], ${sources.map((s) => s.quote ?? null)}::text[]) WITH ORDINALITY AS i(url, quote, position)
          JOIN known_sources s ON s.url = i.url
          ON CONFLICT (event_id, source_id) DO UPDATE SET quote = excluded.quote, position = excluded.position)`,
      );
    }
    if (writes.length) await db.query(sql`WITH ${Prisma.join(writes, ', ')} SELECT 1 AS written`);
  }

  private async writeRelations(
    sql: SqlRunner,
    fromId: string,
    relations: { type: NormalizedEvent['relations'][number]['type']; toId: string }[],
  ): Promise<void> {
    if (!relations.length) return;
    await sql.query(Prisma.sql`
      INSERT INTO relations (id, from_id, to_id, type, status)
      SELECT gen_random_uuid(), ${fromId}::uuid, r.to_id, r.type::"RelationType", 'confirmed'
      FROM unnest(${relations.map((r) => r.toId)}::uuid[], ${relations.map((r) => r.type)}::text[]) AS r(to_id, type)
      ON CONFLICT (from_id, to_id, type) DO NOTHING`);
  }
}
