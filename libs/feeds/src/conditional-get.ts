import { createHash } from 'node:crypto';

/**
 * A strong validator for a rendered list: the timeline version (bumped by every committed change) plus a
 * hash of what selects the page (format, origin, normalised query). Same version and query ⇒ same bytes.
 */
export function listEtag(timelineVersion: bigint, selection: string): string {
  const digest = createHash('sha256').update(selection).digest('base64url').slice(0, 16);
  return `"t${timelineVersion}-${digest}"`;
}

/** RFC 9110 IMF-fixdate, as Last-Modified and If-Modified-Since use. */
export function httpDate(date: Date): string {
  return date.toUTCString();
}

function opaque(tag: string): string {
  return tag.trim().replace(/^W\//, '');
}

export interface ConditionalHeaders {
  'if-none-match'?: string | string[];
  'if-modified-since'?: string | string[];
}

/**
 * RFC 9110 §13.1: If-None-Match (weak comparison) wins; If-Modified-Since is consulted only without it.
 * Last-Modified has one-second resolution, so the comparison floors to the second.
 */
export function isNotModified(headers: ConditionalHeaders, etag: string, lastModified: Date): boolean {
  const inm = headers['if-none-match'];
  if (inm !== undefined) {
    const tags = (Array.isArray(inm) ? inm.join(',') : inm).split(',').map((t) => t.trim());
    return tags.some((t) => t === '*' || opaque(t) === etag);
  }
  const ims = headers['if-modified-since'];
  if (ims === undefined || Array.isArray(ims)) return false;
  const since = Date.parse(ims);
  if (Number.isNaN(since)) return false;
  return Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}
