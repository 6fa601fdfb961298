import type { EventView } from '@app/domain';
import { FEED_AUTHOR, entryId, escapeHtml, eventUrl, summaryHtml, xmlSafe, type FeedDocument } from './feed-document';

export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';

const KIND_SCHEME = 'urn:trade-timeline:kind';
const ACTOR_SCHEME = 'urn:trade-timeline:actor';

/** Text for XML character data and attributes: control characters dropped, markup escaped. */
function x(text: string): string {
  return escapeHtml(xmlSafe(text));
}

function link(rel: string, href: string, type?: string): string {
  return `<link rel="${rel}" href="${x(href)}"${type ? ` type="${type}"` : ''}/>`;
}

function entry(origin: string, tagScheme: string, event: EventView): string {
  const categories = [
    ...event.tags.map((t) => `<category term="${x(t)}" scheme="${x(tagScheme)}"/>`),
    `<category term="${x(event.kind)}" scheme="${KIND_SCHEME}"/>`,
    ...event.actors.map((a) => `<category term="${x(a.code)}" scheme="${ACTOR_SCHEME}" label="${x(a.name)}"/>`),
  ];
  const summary = event.summary ? `<summary>${x(event.summary)}</summary>` : '';
  return [
    '<entry>',
    `<id>${entryId(event)}</id>`,
    `<title>${x(event.title)}</title>`,
    `<updated>${event.updatedAt}</updated>`,
    event.publishedAt ? `<published>${event.publishedAt}</published>` : '',
    link('alternate', eventUrl(origin, event), 'application/json'),
    ...event.sources.map((s) => `<link rel="related" href="${x(s.url)}" title="${x(s.publisher)}"/>`),
    ...categories,
    summary,
    `<content type="html">${x(summaryHtml(event) || event.title)}</content>`,
    '</entry>',
  ].join('');
}

/**
 * Atom 1.0 (RFC 4287) with paging links (RFC 5005 section 3): every page carries the same feed id, its own
 * `self`, the `first` page and, while there is more, `next`.
 */
export function renderAtom(doc: FeedDocument): string {
  const tagScheme = `${doc.origin}/v1/tags`;
  return [
    '<?xml version="1.0" encoding="utf-8"?>\n',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<id>${x(doc.feedUrl)}</id>`,
    `<title>${x(doc.title)}</title>`,
    `<subtitle>${x(doc.description)}</subtitle>`,
    `<updated>${doc.updatedAt.toISOString()}</updated>`,
    `<author><name>${FEED_AUTHOR}</name></author>`,
    '<generator>Trade Timeline</generator>',
    link('self', doc.selfUrl, 'application/atom+xml'),
    link('first', doc.feedUrl, 'application/atom+xml'),
    doc.nextUrl ? link('next', doc.nextUrl, 'application/atom+xml') : '',
    link('alternate', doc.alternateUrl, 'application/json'),
    ...doc.items.map((e) => entry(doc.origin, tagScheme, e)),
    '</feed>\n',
  ].join('');
}
