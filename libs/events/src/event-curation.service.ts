import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { isEditor, type Principal } from '@app/access';
import {
  NotFoundError,
  ValidationError,
  decodeCursor,
  encodeCursor,
  isUuid,
  type Author,
  type EventFilter,
  type EventStatus,
  type EventView,
  type RelationStatus,
  type RelationType,
} from '@app/domain';
import { DUPLICATE_WINDOW_DAYS, DuplicatesRepository } from './duplicates.repository';
import { EventHistoryRepository } from './event-history.repository';
import { EventMergeRepository, type MergeResult } from './event-merge.repository';
import { EventsRepository } from './events.repository';
import { EventsService, type ListResult } from './events.service';
import { RelatednessRepository, type RelatednessEvidence } from './relatedness.repository';
import { RelationWritesRepository } from './relation-writes.repository';

export interface BriefEvent {
  id: string;
  slug: string;
  title: string;
  date: string;
  status: EventStatus;
}

export interface RelatedEvent {
  event: EventView;
  score: number;
  reasons: string[];
}

export interface DuplicateCandidate {
  event: BriefEvent;
  score: number;
  reasons: string[];
}

export interface RelationSuggestion {
  event: BriefEvent;
  type: RelationType;
  score: number;
  reasons: string[];
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

/** asOf must be an RFC 3339 date-time (e.g. 2025-04-10T00:00:00Z) in years 0001–9999; anything else is a 400. */
export function parseAsOf(value: string | string[] | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const invalid = new ValidationError('Invalid asOf', [
    { path: 'asOf', message: 'must be one RFC 3339 date-time, e.g. 2025-04-10T00:00:00Z' },
  ]);
  const match = Array.isArray(value) ? null : RFC3339.exec(value);
  if (!match) throw invalid;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const daysInMonth = new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeap(year) ? 1 : 0);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 60) throw invalid;
  const date = new Date(value as string);
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1) throw invalid;
  return date;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function brief(e: EventView): BriefEvent {
  return { id: e.id, slug: e.slug, title: e.title, date: e.date, status: e.status };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function days(n: number): string {
  return n === 0 ? 'same day' : n === 1 ? '1 day apart' : `${n} days apart`;
}

/** Score and words for one related event: a direct relation outranks two hops, which outrank shared context. */
function explain(evidence: RelatednessEvidence[], windowDays: number): { score: number; reasons: string[] } {
  let score = 0;
  const reasons: string[] = [];
  const direct = evidence.filter((e) => e.kind === 'relation');
  if (direct.length) score += 10 + direct.length - 1;
  for (const e of direct) reasons.push(e.direction === 'outgoing' ? `relation:${e.type}` : `relation:${e.type} (incoming)`);
  const hops = evidence.filter((e) => e.kind === 'two_hops');
  if (hops.length && !direct.length) score += 5;
  for (const e of hops) reasons.push(`2 hops via ${e.viaSlug}`);
  for (const e of evidence) {
    if (e.kind !== 'shared') continue;
    score += Math.min(e.actors.length, 3) + Math.min(e.tags.length, 3) + 2 * (1 - e.daysApart / (windowDays + 1));
    reasons.push(`actors:${e.actors.join(',')}`, `tags:${e.tags.join(',')}`, days(e.daysApart));
  }
  return { score: round(score), reasons };
}

/**
 * The editor's and the reader's tools around one event: related events (the one relatedness definition,
 * ranked and explained), duplicates and merge, relations and their confirmation, and "as known at".
 */
@Injectable()
export class EventCurationService {
  constructor(
    private readonly events: EventsRepository,
    private readonly eventsService: EventsService,
    private readonly relatedness: RelatednessRepository,
    private readonly duplicates: DuplicatesRepository,
    private readonly merges: EventMergeRepository,
    private readonly relations: RelationWritesRepository,
    private readonly history: EventHistoryRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Published events related to `ref`, best first, each with its reasons. */
  async related(ref: string, limit: number, caller?: Principal): Promise<{ anchor: BriefEvent; data: RelatedEvent[] }> {
    const anchor = await this.eventsService.get(ref, caller);
    const windowDays = this.config.RELATED_WINDOW_DAYS;
    const candidates = (await this.relatedness.evidenceFor(anchor.id, windowDays)).filter((c) => c.status === 'published');
    const anchorTime = new Date(
      `${anchor.date.length === 4 ? `${anchor.date}-01-01` : anchor.date.length === 7 ? `${anchor.date}-01` : anchor.date}T00:00:00Z`,
    ).getTime();
    const ranked = candidates
      .map((c) => ({ id: c.id, distance: Math.abs(c.date.getTime() - anchorTime), ...explain(c.evidence, windowDays) }))
      .sort((a, b) => b.score - a.score || a.distance - b.distance || a.id.localeCompare(b.id))
      .slice(0, limit);
    const views = new Map((await this.events.findByIds(ranked.map((r) => r.id))).map((v) => [v.id, v]));
    return {
      anchor: brief(anchor),
      data: ranked.flatMap((r) => {
        const event = views.get(r.id);
        return event ? [{ event, score: r.score, reasons: r.reasons }] : [];
      }),
    };
  }

  async duplicatesOf(ref: string, limit = 20): Promise<{ event: BriefEvent; data: DuplicateCandidate[] }> {
    const event = await this.require(ref);
    const found = await this.duplicates.candidatesFor(event.id, limit);
    const views = new Map((await this.events.findByIds(found.map((f) => f.id))).map((v) => [v.id, v]));
    const data = found.flatMap((f) => {
      const view = views.get(f.id);
      if (!view) return [];
      const closeness = Math.max(0, 1 - f.daysApart / (DUPLICATE_WINDOW_DAYS + 1));
      const score = round(Math.min(1, (f.sharedSourceUrls.length ? 0.5 : 0) + 0.4 * f.titleSimilarity + 0.1 * closeness));
      const reasons = [
        ...f.sharedSourceUrls.map((url) => `source:${url}`),
        `title similarity ${f.titleSimilarity.toFixed(2)}`,
        days(f.daysApart),
      ];
      return [{ event: brief(view), score, reasons }];
    });
    data.sort((a, b) => b.score - a.score || a.event.id.localeCompare(b.event.id));
    return { event: brief(event), data };
  }

  /**
   * Relations an editor may want to add: likely duplicates (duplicate_of) and events sharing an actor and
   * a tag in the window (related), minus what is already linked either way. Adding one with status
   * "suggested" files it on the event until an editor confirms it.
   */
  async suggestions(ref: string): Promise<{ event: BriefEvent; data: RelationSuggestion[] }> {
    const event = await this.require(ref);
    const linked = new Set(event.relations.map((r) => r.event.id));
    const windowDays = this.config.RELATED_WINDOW_DAYS;
    const [duplicates, evidence] = await Promise.all([this.duplicatesOf(event.id), this.relatedness.evidenceFor(event.id, windowDays)]);
    const suggestions: RelationSuggestion[] = duplicates.data
      .filter((d) => !linked.has(d.event.id))
      .map((d) => ({ event: d.event, type: 'duplicate_of' as const, score: d.score, reasons: d.reasons }));
    const suggested = new Set(suggestions.map((s) => s.event.id));
    const shared = evidence.filter((c) => !linked.has(c.id) && !suggested.has(c.id) && c.status !== 'merged');
    const views = new Map((await this.events.findByIds(shared.map((c) => c.id))).map((v) => [v.id, v]));
    for (const c of shared) {
      const view = views.get(c.id);
      const onlyShared = c.evidence.filter((e) => e.kind === 'shared');
      if (!view || !onlyShared.length) continue;
      const { score, reasons } = explain(onlyShared, windowDays);
      suggestions.push({ event: brief(view), type: 'related', score: round(score / 10), reasons });
    }
    suggestions.sort((a, b) => b.score - a.score || a.event.id.localeCompare(b.event.id));
    return { event: brief(event), data: suggestions };
  }

  async merge(ref: string, intoRef: string, ifMatch: number | undefined, author: Author): Promise<MergeResult> {
    const duplicate = await this.require(ref);
    const survivor = await this.events.findByRef(intoRef);
    if (!survivor) throw new ValidationError('Invalid merge', [{ path: 'into', message: `no event "${intoRef}"` }]);
    return this.merges.merge(duplicate.id, survivor.id, ifMatch, author);
  }

  async addRelation(
    ref: string,
    input: { type: RelationType; to: string; status?: RelationStatus },
    author: Author,
  ): Promise<{ event: EventView; relationId: string }> {
    const from = await this.require(ref);
    const to = await this.events.findByRef(input.to);
    if (!to) throw new ValidationError('Invalid relation', [{ path: 'to', message: `no event "${input.to}"` }]);
    return this.relations.add(from.id, { type: input.type, toId: to.id, status: input.status ?? 'confirmed' }, author);
  }

  async confirmRelation(ref: string, relationId: string, author: Author): Promise<EventView> {
    const event = await this.require(ref);
    if (!isUuid(relationId)) throw new NotFoundError('Relation', relationId);
    return this.relations.confirm(event.id, relationId, author);
  }

  async removeRelation(ref: string, relationId: string, author: Author): Promise<EventView> {
    const event = await this.require(ref);
    if (!isUuid(relationId)) throw new NotFoundError('Relation', relationId);
    return this.relations.remove(event.id, relationId, author);
  }

  /** The event as recorded at `asOf`; drafts of that time stay hidden from the public, as today. */
  async getAsOf(ref: string, asOf: Date, caller?: Principal): Promise<EventView> {
    const event = await this.history.findAsOf(ref, asOf);
    if (!event || (event.status === 'draft' && !isEditor(caller))) throw new NotFoundError('Event', `${ref}" as of "${asOf.toISOString()}`);
    return event;
  }

  /** The list as it stood at `asOf`, filtered over the snapshots of that time. */
  async listAsOf(
    query: { filter: EventFilter; statuses?: EventStatus[]; limit: number; cursor?: string },
    asOf: Date,
    caller?: Principal,
  ): Promise<ListResult<EventView>> {
    const { relatedTo, ...filter } = query.filter;
    if (relatedTo?.length) {
      throw new ValidationError('Invalid query', [
        { path: 'relatedTo', message: 'cannot be combined with asOf (relations are not versioned)' },
      ]);
    }
    const page = await this.history.pageAsOf({
      filter,
      statuses: this.eventsService.visibleStatuses(query.statuses, caller),
      asOf,
      limit: query.limit,
      cursor: query.cursor ? decodeCursor(query.cursor) : undefined,
    });
    return { data: page.items, nextCursor: page.next ? encodeCursor(page.next) : null };
  }

  private async require(ref: string): Promise<EventView> {
    const event = await this.events.findByRef(ref);
    if (!event) throw new NotFoundError('Event', ref);
    return event;
  }
}
