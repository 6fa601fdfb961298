import type { EventView } from '@app/domain';

/** What every feed format renders: one page of published events and the URLs around it. */
export interface FeedDocument {
  /** e.g. "Trade Timeline" or "Trade Timeline — actor CN". */
  title: string;
  description: string;
  /** Scheme and host the links are built on, without a trailing slash. */
  origin: string;
  /** This page's own URL (with its query). */
  selfUrl: string;
  /** The first page of this feed (same filter, no cursor): the feed's stable identity. */
  feedUrl: string;
  /** The same filter as a /v1/events list: where a human or a client finds the API view. */
  alternateUrl: string;
  nextUrl: string | null;
  /** When the timeline last changed (Atom feed `updated`, Last-Modified). */
  updatedAt: Date;
  items: EventView[];
}

export const FEED_AUTHOR = 'Trade Timeline';

/** A stable, never reused entry id: the event's uuid as a URN (RFC 4122), the same in every format. */
export function entryId(event: Pick<EventView, 'id'>): string {
  return `urn:uuid:${event.id}`;
}

/** The permanent URL of an event: by id, so it survives slug edits and still answers after a merge or retraction. */
export function eventUrl(origin: string, event: Pick<EventView, 'id'>): string {
  return `${origin}/v1/events/${event.id}`;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML and XML character data and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Removes characters XML 1.0 forbids (control characters other than tab, newline, carriage return). */
export function xmlSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

/** The summary as HTML: escaped paragraphs, then the sources as links. Never passes client HTML through. */
export function summaryHtml(event: Pick<EventView, 'summary' | 'sources'>): string {
  const paragraphs = event.summary
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);
  const sources = event.sources.map((s) => {
    const label = escapeHtml(s.title ? `${s.publisher}: ${s.title}` : s.publisher);
    return `<li><a href="${escapeHtml(s.url)}">${label}</a></li>`;
  });
  return [...paragraphs, ...(sources.length ? [`<p>Sources:</p><ul>${sources.join('')}</ul>`] : [])].join('');
}
