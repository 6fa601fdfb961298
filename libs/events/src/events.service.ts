import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { isEditor, type Principal } from '@app/access';
import {
  DomainError,
  IdempotencyMismatchError,
  NotFoundError,
  PreconditionRequiredError,
  decodeCursor,
  encodeCursor,
  type Author,
  type EventFilter,
  type EventInput,
  type EventPatch,
  type EventStatus,
  type EventView,
} from '@app/domain';
import { normalizeEventInput, normalizeEventPatch } from './event-input';
import { EventWritesRepository } from './event-writes.repository';
import { EventsRepository, type RevisionRecord } from './events.repository';
import { IdempotencyRepository } from './idempotency.repository';

export const PUBLIC_STATUSES: readonly EventStatus[] = ['published'];

export interface ListEventsQuery {
  filter: EventFilter;
  statuses?: EventStatus[];
  limit: number;
  cursor?: string;
}

export interface ListResult<T> {
  data: T[];
  nextCursor: string | null;
}

export interface CreateResult {
  statusCode: number;
  body: unknown;
  location: string | null;
  replayed: boolean;
}

export type BulkItemResult =
  | { index: number; status: 201; id: string; slug: string }
  | { index: number; status: number; error: { code: string; detail: string; errors?: unknown; existingId?: string } };

function hashBody(body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(body ?? null))
    .digest('hex');
}

@Injectable()
export class EventsService {
  constructor(
    private readonly events: EventsRepository,
    private readonly writes: EventWritesRepository,
    private readonly idempotency: IdempotencyRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Statuses a caller may list: the public sees published events only. */
  visibleStatuses(requested: EventStatus[] | undefined, caller: Principal | undefined): EventStatus[] {
    if (!requested?.length) return [...PUBLIC_STATUSES];
    if (requested.some((s) => !PUBLIC_STATUSES.includes(s)) && !isEditor(caller)) {
      throw new DomainError('forbidden', 'Listing events that are not published needs an editor key');
    }
    return requested;
  }

  async list(query: ListEventsQuery, caller?: Principal): Promise<ListResult<EventView>> {
    const statuses = this.visibleStatuses(query.statuses, caller);
    const page = await this.events.page({
      filter: query.filter,
      statuses,
      limit: query.limit,
      cursor: query.cursor ? decodeCursor(query.cursor) : undefined,
      relatedWindowDays: this.config.RELATED_WINDOW_DAYS,
    });
    return { data: page.items, nextCursor: page.next ? encodeCursor(page.next) : null };
  }

  /** By id or slug. Drafts are visible to editors only; retracted and merged events answer with their status. */
  async get(ref: string, caller?: Principal): Promise<EventView> {
    const event = await this.events.findByRef(ref);
    if (!event || (event.status === 'draft' && !isEditor(caller))) throw new NotFoundError('Event', ref);
    return event;
  }

  /** Creates an event; with an Idempotency-Key, a repeat of the same body replays the first response. */
  async create(input: EventInput, author: Author & { keyId: string }, idempotencyKey?: string): Promise<CreateResult> {
    if (!idempotencyKey) {
      const event = await this.writes.create(normalizeEventInput(input), author);
      return { statusCode: 201, body: event, location: `/v1/events/${event.id}`, replayed: false };
    }
    const requestHash = hashBody(input);
    const expiredBefore = new Date(Date.now() - this.config.IDEMPOTENCY_KEY_TTL);
    const stored = await this.idempotency.find(author.keyId, idempotencyKey, expiredBefore);
    if (stored) {
      if (stored.requestHash !== requestHash) throw new IdempotencyMismatchError();
      return { statusCode: stored.statusCode, body: stored.body, location: stored.location, replayed: true };
    }
    const event = await this.writes.create(normalizeEventInput(input), author);
    const result = { statusCode: 201, body: event, location: `/v1/events/${event.id}`, replayed: false };
    await this.idempotency.save(
      author.keyId,
      idempotencyKey,
      { requestHash, statusCode: 201, body: event, location: result.location },
      expiredBefore,
    );
    return result;
  }

  /** Each item in its own transaction: one bad item does not sink the others. */
  async createMany(items: (EventInput | DomainError)[], author: Author): Promise<BulkItemResult[]> {
    const results: BulkItemResult[] = [];
    for (const [index, item] of items.entries()) {
      try {
        if (item instanceof DomainError) throw item;
        const event = await this.writes.create(normalizeEventInput(item), author);
        results.push({ index, status: 201, id: event.id, slug: event.slug });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const status = error.code === 'duplicate_event' ? 409 : 422;
        results.push({
          index,
          status,
          error: { code: error.code, detail: error.message, ...(error.extra as { errors?: unknown; existingId?: string }) },
        });
      }
    }
    return results;
  }

  async update(ref: string, patch: EventPatch, ifMatch: number | undefined, author: Author): Promise<EventView> {
    if (ifMatch === undefined) throw new PreconditionRequiredError('PATCH needs If-Match: "<version>" with the version you edited');
    const event = await this.get(ref, { keyId: author.keyId ?? '', name: author.name, role: 'editor' });
    return this.writes.update(event.id, normalizeEventPatch(patch), ifMatch, author);
  }

  async publish(ref: string, ifMatch: number | undefined, author: Author): Promise<EventView> {
    const event = await this.events.findByRef(ref);
    if (!event) throw new NotFoundError('Event', ref);
    return this.writes.publish(event.id, ifMatch, author);
  }

  async retract(ref: string, reason: string, ifMatch: number | undefined, author: Author): Promise<EventView> {
    const event = await this.events.findByRef(ref);
    if (!event) throw new NotFoundError('Event', ref);
    return this.writes.retract(event.id, reason, ifMatch, author);
  }

  async revisions(ref: string): Promise<RevisionRecord[]> {
    const event = await this.events.findByRef(ref);
    if (!event) throw new NotFoundError('Event', ref);
    return this.events.revisions(event.id);
  }

  listActors(): ReturnType<EventsRepository['listActors']> {
    return this.events.listActors();
  }

  listTags(): ReturnType<EventsRepository['listTags']> {
    return this.events.listTags();
  }
}
