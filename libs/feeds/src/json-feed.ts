import type { EventView } from '@app/domain';
import { FEED_AUTHOR, entryId, eventUrl, summaryHtml, type FeedDocument } from './feed-document';

export const JSON_FEED_CONTENT_TYPE = 'application/feed+json; charset=utf-8';
export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

/** The `_trade_timeline` item extension: what a generic reader ignores and a timeline-aware client needs. */
export interface TradeTimelineExtension {
  about: string;
  date: string;
  datePrecision: EventView['datePrecision'];
  endDate: string | null;
  kind: EventView['kind'];
  actors: EventView['actors'];
  sources: EventView['sources'];
  relations: EventView['relations'];
}

export interface JsonFeedItem {
  id: string;
  url: string;
  title: string;
  content_html: string;
  content_text: string;
  summary?: string;
  date_published?: string;
  date_modified: string;
  tags?: string[];
  authors: { name: string }[];
  _trade_timeline: TradeTimelineExtension;
}

export interface JsonFeed {
  version: string;
  title: string;
  home_page_url: string;
  feed_url: string;
  description: string;
  language: string;
  authors: { name: string }[];
  next_url?: string;
  items: JsonFeedItem[];
}

function item(origin: string, event: EventView): JsonFeedItem {
  const authors = [{ name: FEED_AUTHOR }];
  return {
    id: entryId(event),
    url: eventUrl(origin, event),
    title: event.title,
    content_html: summaryHtml(event),
    content_text: event.summary || event.title,
    ...(event.publishedAt ? { date_published: event.publishedAt } : {}),
    date_modified: event.updatedAt,
    ...(event.tags.length ? { tags: event.tags } : {}),
    authors,
    _trade_timeline: {
      about: `${origin}/docs`,
      date: event.date,
      datePrecision: event.datePrecision,
      endDate: event.endDate,
      kind: event.kind,
      actors: event.actors,
      sources: event.sources,
      relations: event.relations,
    },
  };
}

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). `feed_url` is the page's own URL, as the spec asks. */
export function toJsonFeed(doc: FeedDocument): JsonFeed {
  return {
    version: JSON_FEED_VERSION,
    title: doc.title,
    home_page_url: doc.alternateUrl,
    feed_url: doc.feedUrl,
    description: doc.description,
    language: 'en',
    authors: [{ name: FEED_AUTHOR }],
    ...(doc.nextUrl ? { next_url: doc.nextUrl } : {}),
    items: doc.items.map((e) => item(doc.origin, e)),
  };
}

export function renderJsonFeed(doc: FeedDocument): string {
  return JSON.stringify(toJsonFeed(doc));
}
