/** The filter builder's state: what the form holds (strings and lists, empty when unused). */
export interface FilterForm {
  actors: string[];
  actorsMode: 'any' | 'all';
  tags: string[];
  kinds: string[];
  from: string;
  to: string;
  q: string;
  relatedTo: string[];
}

export const EMPTY_FILTER: FilterForm = { actors: [], actorsMode: 'any', tags: [], kinds: [], from: '', to: '', q: '', relatedTo: [] };

/** A subscription's filter, as POST /v1/subscriptions and /preview take it: unused fields left out. */
export interface ApiFilter {
  actors?: string[];
  actorsMode?: 'all';
  tags?: string[];
  kinds?: string[];
  from?: string;
  to?: string;
  q?: string;
  relatedTo?: string[];
}

const clean = (values: string[] | undefined) => [...new Set((values ?? []).map((v) => v.trim()).filter(Boolean))];

/** Builder state → the API's filter. "any" is the API's default mode, so only "all" is sent (and only with two actors or more). */
export function toApiFilter(form: Partial<FilterForm>): ApiFilter {
  const filter: ApiFilter = {};
  const actors = clean(form.actors);
  if (actors.length) filter.actors = actors;
  if (actors.length > 1 && form.actorsMode === 'all') filter.actorsMode = 'all';
  const tags = clean(form.tags).map((t) => t.toLowerCase());
  if (tags.length) filter.tags = tags;
  const kinds = clean(form.kinds);
  if (kinds.length) filter.kinds = kinds;
  for (const key of ['from', 'to', 'q'] as const) {
    const value = form[key]?.trim();
    if (value) filter[key] = value;
  }
  const relatedTo = clean(form.relatedTo);
  if (relatedTo.length) filter.relatedTo = relatedTo;
  return filter;
}

/** The same filter as /v1/events query parameters (the one definition of a filter). */
export function toEventsQuery(filter: ApiFilter): URLSearchParams {
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

/** One line for lists: "actors CN or US · tags tariffs · from 2025-04". */
export function summarizeFilter(filter: ApiFilter | undefined): string {
  if (!filter) return 'everything';
  const parts: string[] = [];
  if (filter.actors?.length) parts.push(`actors ${filter.actors.join(filter.actorsMode === 'all' ? ' and ' : ' or ')}`);
  if (filter.tags?.length) parts.push(`tags ${filter.tags.join(' or ')}`);
  if (filter.kinds?.length) parts.push(`kinds ${filter.kinds.join(' or ').replace(/_/g, ' ')}`);
  if (filter.from) parts.push(`from ${filter.from}`);
  if (filter.to) parts.push(`to ${filter.to}`);
  if (filter.q) parts.push(`matching “${filter.q}”`);
  if (filter.relatedTo?.length) parts.push(`related to ${filter.relatedTo.join(', ')}`);
  return parts.length ? parts.join(' · ') : 'everything';
}
