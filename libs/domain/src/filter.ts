import { ValidationError, FieldError } from './errors';
import { isValidEventDate } from './event-date';

export const EVENT_KINDS = [
  'tariff_action',
  'trade_measure',
  'statement',
  'meeting',
  'talks',
  'agreement',
  'retaliation',
  'other',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const EVENT_STATUSES = ['draft', 'published', 'retracted', 'merged'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/**
 * The one definition of a filter: the query of /v1/events and the feeds, and a subscription's saved filter.
 * Within a field values are alternatives (any), except actors with actorsMode "all"; fields combine with AND.
 */
export interface EventFilter {
  actors?: string[];
  actorsMode?: 'any' | 'all';
  tags?: string[];
  kinds?: EventKind[];
  /** YYYY, YYYY-MM or YYYY-MM-DD: events dated on or after the start of this period. */
  from?: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD: events dated on or before the end of this period. */
  to?: string;
  /** Full-text search (websearch syntax) over title and summary. */
  q?: string;
  /** Event ids or slugs: events related to any of them, as the relatedness definition says. */
  relatedTo?: string[];
}

type QueryValue = string | string[] | undefined;

function list(value: QueryValue): string[] | undefined {
  if (value === undefined) return undefined;
  const values = (Array.isArray(value) ? value : [value])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  return values.length ? [...new Set(values)] : undefined;
}

function single(value: QueryValue, path: string, errors: FieldError[]): string | undefined {
  if (Array.isArray(value)) {
    errors.push({ path, message: 'may be given once' });
    return undefined;
  }
  return value?.trim() || undefined;
}

/** Parses the filter part of a query string (actor, tag, kind, from, to, q, relatedTo, actorsMode). */
export function parseFilterQuery(query: Record<string, QueryValue>): EventFilter {
  const errors: FieldError[] = [];
  const filter: EventFilter = {};
  const actors = list(query.actor ?? query.actors);
  if (actors) filter.actors = actors.map((a) => a.trim());
  const tags = list(query.tag ?? query.tags);
  if (tags) filter.tags = tags.map((t) => t.toLowerCase());
  const kinds = list(query.kind ?? query.kinds);
  if (kinds) {
    const bad = kinds.filter((k) => !(EVENT_KINDS as readonly string[]).includes(k));
    if (bad.length) errors.push({ path: 'kind', message: `unknown kind ${bad.join(', ')}; one of ${EVENT_KINDS.join(', ')}` });
    else filter.kinds = kinds as EventKind[];
  }
  const mode = single(query.actorsMode, 'actorsMode', errors);
  if (mode !== undefined) {
    if (mode !== 'any' && mode !== 'all') errors.push({ path: 'actorsMode', message: 'must be any or all' });
    else filter.actorsMode = mode;
  }
  for (const key of ['from', 'to'] as const) {
    const value = single(query[key], key, errors);
    if (value === undefined) continue;
    if (!isValidEventDate(value)) errors.push({ path: key, message: 'must be YYYY, YYYY-MM or YYYY-MM-DD' });
    else filter[key] = value;
  }
  const q = single(query.q, 'q', errors);
  if (q !== undefined) {
    if (q.length > 200) errors.push({ path: 'q', message: 'must be at most 200 characters' });
    else filter.q = q;
  }
  const relatedTo = list(query.relatedTo);
  if (relatedTo) filter.relatedTo = relatedTo;
  if (errors.length) throw new ValidationError('Invalid filter', errors);
  return filter;
}

/** Validates a filter sent as JSON (a subscription's filter, a preview). */
export function validateFilterBody(body: unknown, path = 'filter'): EventFilter {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new ValidationError('Invalid filter', [{ path, message: 'must be an object' }]);
  }
  const errors: FieldError[] = [];
  const input = body as Record<string, unknown>;
  const allowed = new Set(['actors', 'actorsMode', 'tags', 'kinds', 'from', 'to', 'q', 'relatedTo']);
  for (const key of Object.keys(input)) {
    if (!allowed.has(key)) errors.push({ path: `${path}.${key}`, message: 'is not a filter field' });
  }
  const strings = (key: string): string[] | undefined => {
    const value = input[key];
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !v.trim() || v.length > 200)) {
      errors.push({ path: `${path}.${key}`, message: 'must be an array of non-empty strings' });
      return undefined;
    }
    return value.length ? [...new Set(value.map((v: string) => v.trim()))] : undefined;
  };
  const filter: EventFilter = {};
  const actors = strings('actors');
  if (actors) filter.actors = actors;
  const tags = strings('tags');
  if (tags) filter.tags = tags.map((t) => t.toLowerCase());
  const kinds = strings('kinds');
  if (kinds) {
    const bad = kinds.filter((k) => !(EVENT_KINDS as readonly string[]).includes(k));
    if (bad.length) errors.push({ path: `${path}.kinds`, message: `unknown kind ${bad.join(', ')}` });
    else filter.kinds = kinds as EventKind[];
  }
  const relatedTo = strings('relatedTo');
  if (relatedTo) filter.relatedTo = relatedTo;
  if (input.actorsMode !== undefined) {
    if (input.actorsMode !== 'any' && input.actorsMode !== 'all') {
      errors.push({ path: `${path}.actorsMode`, message: 'must be any or all' });
    } else filter.actorsMode = input.actorsMode;
  }
  for (const key of ['from', 'to'] as const) {
    const value = input[key];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !isValidEventDate(value)) {
      errors.push({ path: `${path}.${key}`, message: 'must be YYYY, YYYY-MM or YYYY-MM-DD' });
    } else filter[key] = value;
  }
  if (input.q !== undefined) {
    if (typeof input.q !== 'string' || input.q.length > 200) {
      errors.push({ path: `${path}.q`, message: 'must be a string of at most 200 characters' });
    } else if (input.q.trim()) filter.q = input.q.trim();
  }
  if (errors.length) throw new ValidationError('Invalid filter', errors);
  return filter;
}

/** The filter as query parameters, in a stable order (for Link headers and feed next_url). */
export function filterToQuery(filter: EventFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const a of filter.actors ?? []) params.append('actor', a);
  if (filter.actorsMode) params.set('actorsMode', filter.actorsMode);
  for (const t of filter.tags ?? []) params.append('tag', t);
  for (const k of filter.kinds ?? []) params.append('kind', k);
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  if (filter.q) params.set('q', filter.q);
  for (const r of filter.relatedTo ?? []) params.append('relatedTo', r);
  return params;
}
