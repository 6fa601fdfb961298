import { ValidationError } from './errors';

export type DatePrecision = 'year' | 'month' | 'day';

export interface EventDate {
  /** The first day of the period, at UTC midnight. */
  date: Date;
  precision: DatePrecision;
}

const PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** "2025" → year, "2025-04" → month, "2025-04-02" → day. Never coerces to a fake day. */
export function parseEventDate(value: string, path = 'date'): EventDate {
  const match = PATTERN.exec(value);
  if (!match) {
    throw new ValidationError('Invalid date', [{ path, message: 'must be YYYY, YYYY-MM or YYYY-MM-DD' }]);
  }
  const year = Number(match[1]);
  const month = match[2] ? Number(match[2]) : 1;
  const day = match[3] ? Number(match[3]) : 1;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1 || month < 1 || month > 12 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new ValidationError('Invalid date', [{ path, message: `${value} is not a calendar date` }]);
  }
  date.setUTCFullYear(year);
  return { date, precision: match[3] ? 'day' : match[2] ? 'month' : 'year' };
}

/** Formats a stored date at its precision: the inverse of parseEventDate. */
/** A date's day as 'YYYY-MM-DD' (UTC): what a date column stores, and what `::date` casts as written. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function formatEventDate(date: Date, precision: DatePrecision): string {
  const iso = isoDay(date);
  return precision === 'year' ? iso.slice(0, 4) : precision === 'month' ? iso.slice(0, 7) : iso;
}

/** The last instant of the period a date stands for (end of the year, month or day). */
export function endOfPeriod({ date, precision }: EventDate): Date {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth();
  const d = date.getUTCDate();
  if (precision === 'year') return new Date(Date.UTC(y + 1, 0, 1) - 1);
  if (precision === 'month') return new Date(Date.UTC(y, m + 1, 1) - 1);
  return new Date(Date.UTC(y, m, d + 1) - 1);
}

export function isValidEventDate(value: string): boolean {
  try {
    parseEventDate(value);
    return true;
  } catch {
    return false;
  }
}
