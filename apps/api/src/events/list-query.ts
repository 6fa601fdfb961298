import { EVENT_STATUSES, ValidationError, parseFilterQuery, type EventFilter, type EventStatus, type FieldError } from '@app/domain';

export interface ListQuery {
  filter: EventFilter;
  statuses?: EventStatus[];
  limit: number;
  cursor?: string;
}

type Query = Record<string, string | string[] | undefined>;

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[value.length - 1] : value;
}

/** limit (1–200, default 50) and cursor, common to every list. */
export function parsePaging(query: Query, errors: FieldError[] = []): { limit: number; cursor?: string } {
  const rawLimit = one(query.limit);
  let limit = 50;
  if (rawLimit !== undefined) {
    limit = Number(rawLimit);
    if (!/^\d+$/.test(rawLimit) || limit < 1 || limit > 200) errors.push({ path: 'limit', message: 'must be an integer from 1 to 200' });
  }
  const cursor = one(query.cursor);
  if (cursor !== undefined && (cursor.length === 0 || cursor.length > 500))
    errors.push({ path: 'cursor', message: 'is not a cursor this API issued' });
  if (errors.length) throw new ValidationError('Invalid query', errors);
  return { limit, cursor };
}

/** The shared filter, its field errors added to `errors` so one 400 can list them with the rest. */
export function filterOrErrors(query: Query, errors: FieldError[]): EventFilter {
  try {
    return parseFilterQuery(query);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    errors.push(...error.errors);
    return {};
  }
}

/** The query of /v1/events: the shared filter, statuses, and paging. */
export function parseListQuery(query: Query): ListQuery {
  const errors: FieldError[] = [];
  const filter = filterOrErrors(query, errors);
  let statuses: EventStatus[] | undefined;
  if (query.status !== undefined) {
    const values = (Array.isArray(query.status) ? query.status : [query.status]).flatMap((s) => s.split(',')).filter(Boolean);
    const bad = values.filter((s) => !(EVENT_STATUSES as readonly string[]).includes(s));
    if (bad.length) errors.push({ path: 'status', message: `unknown status ${bad.join(', ')}; one of ${EVENT_STATUSES.join(', ')}` });
    else statuses = values as EventStatus[];
  }
  const paging = parsePaging(query, errors);
  return { filter, statuses, ...paging };
}

/** If-Match: "3" (or 3, or W/"3") → 3. Absent → undefined. */
export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  const value = one(header);
  if (value === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(value);
  if (!match)
    throw new ValidationError('Invalid If-Match', [{ path: 'If-Match', message: 'must be the event version in quotes, e.g. "3"' }]);
  return Number(match[1]);
}
