import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService, type PrismaTx } from '@app/db';
import { writeAudit } from '@app/access';
import {
  DuplicateEventError,
  InvalidStateError,
  NotFoundError,
  StaleVersionError,
  ValidationError,
  isUuid,
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
  return TRACKED_FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}

/**
 * Every write to an event is one transaction: the change, its revision, its audit entry, the outbox row
 * that tells the worker, and the timeline version bump that invalidates cached lists and feeds.
 */
@Injectable()
export class EventWritesRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly events: EventsRepository,
  ) {}

  async create(input: NormalizedEvent, author: Author): Promise<EventView> {
    return this.prisma.$transaction(async (tx) => {
      await this.lockEventIdentity(tx, [
        `title:${input.date.date.toISOString().slice(0, 10)}:${input.normalizedTitle}`,
        `slug:${input.slug}`,
        ...input.sources.map((s) => `source:${s.url}`),
      ]);
      await this.assertNotDuplicate(tx, { ...input, date: input.date.date }, null);
      const actors = await this.resolveActors(tx, input.actors);
      const relations = await this.resolveRelations(tx, input.relations);
      const slug = await this.freeSlug(tx, input.slug);
      const now = new Date();
      const event = await tx.event.create({
        data: {
          slug,
          title: input.title,
          normalizedTitle: input.normalizedTitle,
          summary: input.summary,
          kind: input.kind,
          date: input.date.date,
          datePrecision: input.date.precision,
          endDate: input.endDate?.date ?? null,
          endDatePrecision: input.endDate?.precision ?? null,
          status: input.status,
          publishedAt: input.status === 'published' ? now : null,
        },
        select: { id: true },
      });
      await this.writeActors(tx, event.id, actors);
      await this.writeTags(tx, event.id, input.tags);
      await this.writeSources(tx, event.id, input.sources);
      await this.writeRelations(tx, event.id, relations);
      const view = await this.record(tx, event.id, null, 'created', author);
      await this.enqueueOutbox(tx, input.status === 'published' ? 'event.published' : 'event.draft_changed', view);
      return view;
    });
  }

  async update(id: string, patch: NormalizedEventPatch, expectedVersion: number, author: Author): Promise<EventView> {
    return this.prisma.$transaction(async (tx) => {
      const identityChanges =
        patch.title !== undefined || patch.date !== undefined || patch.sources !== undefined || patch.slug !== undefined;
      // Edits that change identity are rare: they take every identity at once (a lock all creations also take).
      if (identityChanges) await this.lockEventIdentity(tx, ['*']);
      const { view: before, date, normalizedTitle } = await this.lockForChange(tx, id, expectedVersion);
      if (identityChanges) {
        await this.assertNotDuplicate(
          tx,
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
      if (patch.slug !== undefined && patch.slug !== before.slug) data.slug = await this.freeSlug(tx, patch.slug);
      if (patch.actors !== undefined) {
        const actors = await this.resolveActors(tx, patch.actors);
        await tx.eventActor.deleteMany({ where: { eventId: id } });
        await this.writeActors(tx, id, actors);
      }
      if (patch.tags !== undefined) {
        await tx.eventTag.deleteMany({ where: { eventId: id } });
        await this.writeTags(tx, id, patch.tags);
      }
      if (patch.sources !== undefined) {
        await tx.eventSource.deleteMany({ where: { eventId: id } });
        await this.writeSources(tx, id, patch.sources);
      }
      if (patch.relations !== undefined) {
        const relations = await this.resolveRelations(tx, patch.relations, id);
        await tx.relation.deleteMany({ where: { fromId: id } });
        await this.writeRelations(tx, id, relations);
      }
      await tx.event.update({ where: { id }, data });
      if (before.status === 'published' && patch.sources?.length === 0) {
        throw new ValidationError('A published event needs a source', [
          { path: 'sources', message: 'must not be empty while the event is published' },
        ]);
      }
      const view = await this.record(tx, id, before, 'updated', author);
      await this.enqueueOutbox(tx, view.status === 'published' ? 'event.updated' : 'event.draft_changed', view);
      return view;
    });
  }

  async publish(id: string, expectedVersion: number | undefined, author: Author): Promise<EventView> {
    return this.prisma.$transaction(async (tx) => {
      const { view: before } = await this.lockForChange(tx, id, expectedVersion);
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
      const view = await this.record(tx, id, before, 'published', author);
      await this.enqueueOutbox(tx, 'event.published', view);
      return view;
    });
  }

  async retract(id: string, reason: string, expectedVersion: number | undefined, author: Author): Promise<EventView> {
    return this.prisma.$transaction(async (tx) => {
      const { view: before } = await this.lockForChange(tx, id, expectedVersion);
      if (before.status === 'retracted') return before;
      if (before.status === 'merged') throw new InvalidStateError(`Event ${before.slug} was merged; it cannot be retracted`);
      await tx.event.update({ where: { id }, data: { status: 'retracted', statusReason: reason, version: { increment: 1 } } });
      const view = await this.record(tx, id, before, 'retracted', author);
      await this.enqueueOutbox(tx, before.status === 'published' ? 'event.retracted' : 'event.draft_changed', view, { reason });
      return view;
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
  async lockEventIdentity(tx: PrismaTx, keys: string[]): Promise<void> {
    if (keys.includes('*')) {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('trade-timeline:event-identity'))`;
      return;
    }
    const sorted = [...new Set(keys)].sort().map((key) => `trade-timeline:${key}`);
    await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(hashtext('trade-timeline:event-identity'))`;
    // unnest keeps the array's order, so the keys are taken in sorted order within one round trip.
    await tx.$executeRaw`SELECT count(pg_advisory_xact_lock(hashtext(k))) FROM unnest(ARRAY[${Prisma.join(sorted)}]::text[]) AS k`;
  }

  /** Locks the row, checks the version the client saw, and returns the event as it was. */
  async lockForChange(tx: PrismaTx, id: string, expectedVersion: number | undefined): Promise<LockedEvent> {
    const locked = await tx.$queryRaw<{ version: number; date: Date; normalized_title: string }[]>`
      SELECT version, date, normalized_title FROM events WHERE id = ${id}::uuid FOR UPDATE`;
    const row = locked[0];
    if (!row) throw new NotFoundError('Event', id);
    if (expectedVersion !== undefined && row.version !== expectedVersion) throw new StaleVersionError(row.version);
    const view = await this.events.findByRef(id, tx);
    if (!view) throw new NotFoundError('Event', id);
    return { view, date: row.date, normalizedTitle: row.normalized_title };
  }

  /** Writes the revision and audit entry for the event's new state and returns the view (enqueueOutbox ends the write). */
  async record(
    tx: PrismaTx,
    id: string,
    before: EventView | null,
    action: string,
    author: Author,
    details: Record<string, unknown> = {},
  ): Promise<EventView> {
    const view = await this.events.findByRef(id, tx);
    if (!view) throw new NotFoundError('Event', id);
    await tx.eventRevision.create({
      data: {
        eventId: id,
        version: view.version,
        snapshot: view as unknown as Prisma.InputJsonValue,
        changes: changedFields(before, view),
        action,
        authorKeyId: author.keyId,
        authorName: author.name,
      },
    });
    await writeAudit(tx, author, {
      action: `event.${action}`,
      targetType: 'event',
      targetId: id,
      details: { slug: view.slug, version: view.version, ...details },
    });
    return view;
  }

  async enqueueOutbox(tx: PrismaTx, type: OutboxType, view: EventView, payload: Record<string, unknown> = {}): Promise<void> {
    // The last statement of every write, in one round trip: the outbox row, the timeline version bump (a
    // single row every write locks — taken last, so writes serialise only for the commit, not the whole
    // transaction) and the NOTIFY that wakes the relay (delivered on commit only).
    await tx.$executeRaw`
      WITH outbox AS (
        INSERT INTO outbox_entries (type, event_id, event_version, payload)
        VALUES (${type}, ${view.id}::uuid, ${view.version}::int, ${JSON.stringify(payload)}::jsonb)
      ), bump AS (
        UPDATE timeline_state SET version = version + 1, updated_at = now() WHERE id = 1
      )
      SELECT pg_notify('outbox', '')`;
  }

  private async assertNotDuplicate(
    tx: PrismaTx,
    input: { normalizedTitle: string; date: Date; sources: { url: string }[] },
    selfId: string | null,
  ): Promise<void> {
    const sameTitle = await tx.event.findFirst({
      where: {
        date: input.date,
        normalizedTitle: input.normalizedTitle,
        status: { not: 'merged' },
        ...(selfId ? { id: { not: selfId } } : {}),
      },
      select: { id: true, slug: true },
    });
    if (sameTitle) throw new DuplicateEventError(sameTitle.id, sameTitle.slug, 'same date and title');
    const urls = input.sources.map((s) => s.url);
    if (!urls.length) return;
    const cited = await tx.eventSource.findFirst({
      where: { source: { url: { in: urls } }, ...(selfId ? { eventId: { not: selfId } } : {}), event: { status: { not: 'merged' } } },
      select: { event: { select: { id: true, slug: true } }, source: { select: { url: true } } },
    });
    if (cited) throw new DuplicateEventError(cited.event.id, cited.event.slug, `source ${cited.source.url} is already cited`);
  }

  private async resolveActors(tx: PrismaTx, actors: NormalizedEvent['actors']): Promise<NormalizedEvent['actors']> {
    if (!actors.length) return [];
    const lowered = actors.map((a) => a.code.toLowerCase());
    const known = await tx.$queryRaw<{ code: string }[]>`SELECT code FROM actors WHERE lower(code) IN (${Prisma.join(lowered)})`;
    const canonical = new Map(known.map((k) => [k.code.toLowerCase(), k.code]));
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

  private async resolveRelations(
    tx: PrismaTx,
    relations: NormalizedEvent['relations'],
    selfId?: string,
  ): Promise<{ type: NormalizedEvent['relations'][number]['type']; toId: string }[]> {
    if (!relations.length) return [];
    const refs = relations.map((r) => r.to);
    const uuids = refs.filter(isUuid);
    const found = await tx.event.findMany({
      where: { OR: [{ slug: { in: refs } }, ...(uuids.length ? [{ id: { in: uuids } }] : [])] },
      select: { id: true, slug: true },
    });
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

  private async freeSlug(tx: PrismaTx, wanted: string): Promise<string> {
    const taken = await tx.event.findMany({ where: { slug: { startsWith: wanted } }, select: { slug: true } });
    const used = new Set(taken.map((t) => t.slug));
    if (!used.has(wanted)) return wanted;
    for (let n = 2; ; n++) if (!used.has(`${wanted}-${n}`)) return `${wanted}-${n}`;
  }

  private async writeActors(tx: PrismaTx, eventId: string, actors: NormalizedEvent['actors']): Promise<void> {
    if (actors.length) await tx.eventActor.createMany({ data: actors.map((a) => ({ eventId, actorCode: a.code, role: a.role })) });
  }

  private async writeTags(tx: PrismaTx, eventId: string, tags: NormalizedEvent['tags']): Promise<void> {
    if (!tags.length) return;
    await tx.tag.createMany({ data: tags.map((t) => ({ slug: t.slug, name: t.name })), skipDuplicates: true });
    await tx.eventTag.createMany({ data: tags.map((t) => ({ eventId, tagSlug: t.slug })), skipDuplicates: true });
  }

  private async writeSources(tx: PrismaTx, eventId: string, sources: NormalizedEvent['sources']): Promise<void> {
    for (const [position, s] of sources.entries()) {
      const source = await tx.source.upsert({
        where: { url: s.url },
        create: { url: s.url, publisher: s.publisher, title: s.title ?? null, publishedAt: s.publishedAt ?? null },
        update: { publisher: s.publisher, title: s.title ?? undefined, publishedAt: s.publishedAt ?? undefined },
        select: { id: true },
      });
      await tx.eventSource.upsert({
        where: { eventId_sourceId: { eventId, sourceId: source.id } },
        create: { eventId, sourceId: source.id, quote: s.quote ?? null, position },
        update: { quote: s.quote ?? null, position },
      });
    }
  }

  private async writeRelations(
    tx: PrismaTx,
    fromId: string,
    relations: { type: NormalizedEvent['relations'][number]['type']; toId: string }[],
  ): Promise<void> {
    if (relations.length) {
      await tx.relation.createMany({
        data: relations.map((r) => ({ fromId, toId: r.toId, type: r.type, status: 'confirmed' as const })),
        skipDuplicates: true,
      });
    }
  }
}
