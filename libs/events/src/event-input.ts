import {
  ValidationError,
  eventSlug,
  isValidEventDate,
  normalizeTitle,
  parseEventDate,
  slugify,
  type ActorRole,
  type EventDate,
  type EventInput,
  type EventKind,
  type EventPatch,
  type FieldError,
  type RelationType,
} from '@app/domain';

export interface NormalizedSource {
  url: string;
  publisher: string;
  title?: string;
  publishedAt?: Date;
  quote?: string;
}

/** An event input checked and brought to the form the repository stores. */
export interface NormalizedEvent {
  slug: string;
  title: string;
  normalizedTitle: string;
  summary: string;
  kind: EventKind;
  date: EventDate;
  endDate: EventDate | null;
  status: 'draft' | 'published';
  actors: { code: string; role: ActorRole }[];
  tags: { slug: string; name: string }[];
  sources: NormalizedSource[];
  relations: { type: RelationType; to: string }[];
}

export type NormalizedEventPatch = Partial<Omit<NormalizedEvent, 'status' | 'endDate'>> & { endDate?: EventDate | null };

function normalizeTags(tags: string[]): NormalizedEvent['tags'] {
  const bySlug = new Map<string, string>();
  for (const tag of tags) {
    const slug = slugify(tag, 60);
    if (!bySlug.has(slug)) bySlug.set(slug, tag.trim());
  }
  return [...bySlug].map(([slug, name]) => ({ slug, name }));
}

function isCalendarDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && isValidEventDate(value);
}

function normalizeSources(sources: EventInput['sources'], errors: FieldError[]): NormalizedSource[] {
  const seen = new Set<string>();
  return (sources ?? []).flatMap((s, i) => {
    let url: string;
    try {
      const parsed = new URL(s.url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('scheme');
      url = parsed.toString();
    } catch {
      errors.push({ path: `sources[${i}].url`, message: 'must be an http(s) URL' });
      return [];
    }
    if (seen.has(url)) {
      errors.push({ path: `sources[${i}].url`, message: 'is listed twice' });
      return [];
    }
    seen.add(url);
    let publishedAt: Date | undefined;
    if (s.publishedAt) {
      publishedAt = new Date(s.publishedAt.length <= 10 ? `${s.publishedAt}T00:00:00Z` : s.publishedAt);
      // Date() rolls 2025-02-30 over to 2 March: the day itself must be in the calendar.
      if (Number.isNaN(publishedAt.getTime()) || !isCalendarDay(s.publishedAt.slice(0, 10))) {
        errors.push({ path: `sources[${i}].publishedAt`, message: 'must be a date (YYYY-MM-DD or RFC 3339)' });
        return [];
      }
    }
    return [{ url, publisher: s.publisher.trim(), title: s.title?.trim() || undefined, publishedAt, quote: s.quote?.trim() || undefined }];
  });
}

function dateOrError(value: string, path: string, errors: FieldError[]): EventDate | undefined {
  try {
    return parseEventDate(value, path);
  } catch (error) {
    if (error instanceof ValidationError) errors.push(...error.errors);
    else throw error;
    return undefined;
  }
}

function checkEndDate(date: EventDate | undefined, endDate: EventDate | null | undefined, errors: FieldError[]): void {
  if (date && endDate && endDate.date < date.date) errors.push({ path: 'endDate', message: 'must not be before date' });
}

/** Checks what DTO validation cannot (calendar dates, URLs, the source rule) and normalises the rest. */
export function normalizeEventInput(input: EventInput): NormalizedEvent {
  const errors: FieldError[] = [];
  const date = dateOrError(input.date, 'date', errors);
  const endDate = input.endDate ? (dateOrError(input.endDate, 'endDate', errors) ?? null) : null;
  checkEndDate(date, endDate, errors);
  const sources = normalizeSources(input.sources, errors);
  const status = input.status ?? 'published';
  if (status === 'published' && (input.sources ?? []).length === 0) {
    errors.push({ path: 'sources', message: 'a published event must cite at least one source (or create it with status "draft")' });
  }
  const title = input.title.trim();
  if (!title) errors.push({ path: 'title', message: 'must not be empty' });
  if (errors.length || !date) throw new ValidationError('Invalid event', errors);
  return {
    slug: input.slug ? slugify(input.slug, 120) : eventSlug(input.date, title),
    title,
    normalizedTitle: normalizeTitle(title),
    summary: input.summary?.trim() ?? '',
    kind: input.kind,
    date,
    endDate,
    status,
    actors: input.actors ?? [],
    tags: normalizeTags(input.tags ?? []),
    sources,
    relations: input.relations ?? [],
  };
}

export function normalizeEventPatch(patch: EventPatch): NormalizedEventPatch {
  const errors: FieldError[] = [];
  const out: NormalizedEventPatch = {};
  if (patch.title !== undefined) {
    out.title = patch.title.trim();
    if (!out.title) errors.push({ path: 'title', message: 'must not be empty' });
    out.normalizedTitle = normalizeTitle(out.title);
  }
  if (patch.summary !== undefined) out.summary = patch.summary.trim();
  if (patch.kind !== undefined) out.kind = patch.kind;
  if (patch.slug !== undefined) out.slug = slugify(patch.slug, 120);
  if (patch.date !== undefined) out.date = dateOrError(patch.date, 'date', errors);
  if (patch.endDate !== undefined) out.endDate = patch.endDate === null ? null : (dateOrError(patch.endDate, 'endDate', errors) ?? null);
  checkEndDate(out.date, out.endDate, errors);
  if (patch.actors !== undefined) out.actors = patch.actors;
  if (patch.tags !== undefined) out.tags = normalizeTags(patch.tags);
  if (patch.sources !== undefined) out.sources = normalizeSources(patch.sources, errors);
  if (patch.relations !== undefined) out.relations = patch.relations;
  if (errors.length) throw new ValidationError('Invalid event', errors);
  return out;
}
