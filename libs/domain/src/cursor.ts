import { ValidationError } from './errors';
import { isValidEventDate } from './event-date';

/** Keyset position for lists ordered newest first: (date desc, id desc), optionally rank first. */
export interface EventCursor {
  date: string;
  id: string;
  rank?: number;
}

export function encodeCursor(cursor: EventCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Opaque to clients; anything that does not decode to a valid position is a 400, not a 500. */
export function decodeCursor(value: string): EventCursor {
  const invalid = new ValidationError('Invalid cursor', [{ path: 'cursor', message: 'is not a cursor this API issued' }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (typeof parsed !== 'object' || parsed === null) throw invalid;
  const { date, id, rank } = parsed as Record<string, unknown>;
  // A calendar check too: the date goes into SQL as ::date, where 2025-99-99 would be a server error.
  if (typeof date !== 'string' || !DAY.test(date) || !isValidEventDate(date) || typeof id !== 'string' || !UUID.test(id)) throw invalid;
  if (rank !== undefined && (typeof rank !== 'number' || !Number.isFinite(rank))) throw invalid;
  return rank === undefined ? { date, id } : { date, id, rank };
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
