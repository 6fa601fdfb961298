import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { decodeCursor, filterToQuery, type EventFilter } from '@app/domain';
import { EventsService } from '@app/events';
import { ATOM_CONTENT_TYPE, renderAtom } from './atom';
import { httpDate, isNotModified, listEtag, type ConditionalHeaders } from './conditional-get';
import type { FeedDocument } from './feed-document';
import { JSON_FEED_CONTENT_TYPE, renderJsonFeed } from './json-feed';
import { RenderedCache } from './rendered-cache';
import { TIMELINE_CONTENT_TYPE, renderTimeline } from './timelinejs';
import { TimelineVersionReader } from './timeline-version.reader';

export type FeedFormat = 'json' | 'atom' | 'timeline';

export interface FeedQuery {
  filter: EventFilter;
  limit: number;
  cursor?: string;
}

export interface FeedRequest {
  format: FeedFormat;
  query: FeedQuery;
  /** Scheme and host links are built on. */
  origin: string;
  /** Request headers the body depends on (sent as Vary), e.g. forwarded host when links follow the request. */
  varyOn: string[];
  conditional: ConditionalHeaders;
}

export interface FeedResponse {
  status: 200 | 304;
  headers: Record<string, string>;
  body?: Buffer;
  /** The next page, for a Link header. */
  nextLink?: string;
}

const FORMATS: Record<FeedFormat, { path: string; contentType: string; render: (doc: FeedDocument) => string }> = {
  json: { path: '/feed.json', contentType: JSON_FEED_CONTENT_TYPE, render: renderJsonFeed },
  atom: { path: '/feed.atom', contentType: ATOM_CONTENT_TYPE, render: renderAtom },
  timeline: { path: '/v1/timeline.json', contentType: TIMELINE_CONTENT_TYPE, render: renderTimeline },
};

const DEFAULT_LIMIT = 50;
// Rendered bytes live outside the V8 heap but count in the process's RSS: 32 MB holds a few hundred feeds, and keeps
// the api under 200 MB RSS with the cache full (bench:feeds fills it and reports the RSS).
const CACHE_MAX_ENTRIES = 500;
const CACHE_MAX_BYTES = 32 * 1024 * 1024;

function describe(filter: EventFilter): string {
  const parts = [
    filter.actors?.length ? `actors ${filter.actors.join(filter.actorsMode === 'all' ? ' & ' : ', ')}` : '',
    filter.tags?.length ? `tags ${filter.tags.join(', ')}` : '',
    filter.kinds?.length ? `kinds ${filter.kinds.join(', ')}` : '',
    filter.from ? `from ${filter.from}` : '',
    filter.to ? `to ${filter.to}` : '',
    filter.q ? `matching "${filter.q}"` : '',
    filter.relatedTo?.length ? `related to ${filter.relatedTo.join(', ')}` : '',
  ].filter(Boolean);
  return parts.length ? `Trade Timeline — ${parts.join('; ')}` : 'Trade Timeline';
}

/**
 * Feeds over the same filter and keyset paging as /v1/events, published events only. A request first
 * reads the timeline version (one tiny row); a matching validator answers 304 without touching events,
 * and a rendered body is reused for as long as the timeline and the query stay the same.
 */
@Injectable()
export class FeedsService {
  private readonly cache = new RenderedCache(CACHE_MAX_ENTRIES, CACHE_MAX_BYTES);

  constructor(
    private readonly events: EventsService,
    private readonly versions: TimelineVersionReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async respond(request: FeedRequest): Promise<FeedResponse> {
    const { format, query, origin } = request;
    if (query.cursor) decodeCursor(query.cursor); // a forged cursor is a 400 even when a 304 would do
    const spec = FORMATS[format];
    const params = filterToQuery(query.filter);
    if (query.limit !== DEFAULT_LIMIT) params.set('limit', String(query.limit));
    const feedUrl = withQuery(`${origin}${spec.path}`, params);
    if (query.cursor) params.set('cursor', query.cursor);
    const selfUrl = withQuery(`${origin}${spec.path}`, params);
    const selection = `${format}\n${selfUrl}`;

    const state = await this.versions.read();
    const etag = listEtag(state.version, selection);
    const headers: Record<string, string> = {
      etag,
      'last-modified': httpDate(state.updatedAt),
      'cache-control': 'public, max-age=60',
      ...(request.varyOn.length ? { vary: request.varyOn.join(', ') } : {}),
    };
    if (isNotModified(request.conditional, etag, state.updatedAt)) return { status: 304, headers };

    const cacheKey = `${state.version}\n${selection}`;
    let page = this.cache.get(cacheKey);
    if (page === undefined) {
      const list = await this.events.list({ filter: query.filter, limit: query.limit, cursor: query.cursor });
      const nextParams = new URLSearchParams(params);
      if (list.nextCursor) nextParams.set('cursor', list.nextCursor);
      const nextUrl = list.nextCursor ? withQuery(`${origin}${spec.path}`, nextParams) : null;
      const body = spec.render({
        title: describe(query.filter),
        description: 'A curated, sourced timeline of trade-war events: tariff actions, statements, talks and agreements.',
        origin,
        selfUrl,
        feedUrl,
        alternateUrl: withQuery(`${origin}/v1/events`, filterToQuery(query.filter)),
        nextUrl,
        updatedAt: state.updatedAt,
        items: list.data,
      });
      page = { body: Buffer.from(body, 'utf8'), nextUrl };
      this.cache.set(cacheKey, page);
    }
    const nextLink = page.nextUrl ?? undefined;
    return { status: 200, headers: { ...headers, 'content-type': spec.contentType }, body: page.body, nextLink };
  }

  /** PUBLIC_BASE_URL when configured; callers fall back to the request's own origin otherwise. */
  get publicBaseUrl(): string | undefined {
    return this.config.PUBLIC_BASE_URL?.replace(/\/+$/, '');
  }
}

function withQuery(base: string, params: URLSearchParams): string {
  const query = params.toString();
  return query ? `${base}?${query}` : base;
}
