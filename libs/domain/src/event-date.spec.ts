import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors';
import { endOfPeriod, formatEventDate, isValidEventDate, parseEventDate } from './event-date';

describe('parseEventDate', () => {
  it('reads a year as the first of January with year precision', () => {
    const parsed = parseEventDate('2025');
    expect(parsed.precision).toBe('year');
    expect(parsed.date.toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });

  it('reads a month as its first day with month precision', () => {
    const parsed = parseEventDate('2025-04');
    expect(parsed.precision).toBe('month');
    expect(parsed.date.toISOString()).toBe('2025-04-01T00:00:00.000Z');
  });

  it('reads a day with day precision', () => {
    const parsed = parseEventDate('2025-04-02');
    expect(parsed.precision).toBe('day');
    expect(parsed.date.toISOString()).toBe('2025-04-02T00:00:00.000Z');
  });

  it('accepts 29 February in a leap year only', () => {
    expect(parseEventDate('2024-02-29').date.toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(isValidEventDate('2025-02-29')).toBe(false);
  });

  it.each([
    '2025-02-30',
    '2025-13',
    '2025-00',
    '2025-04-31',
    '2025-04-00',
    '0000',
    '25-04',
    '2025-4',
    '2025-04-2',
    '',
    ' 2025',
    '2025-04-02T00:00:00Z',
    'abcd',
  ])('rejects %j with a ValidationError naming the path', (value) => {
    expect(() => parseEventDate(value, 'endDate')).toThrow(ValidationError);
    try {
      parseEventDate(value, 'endDate');
    } catch (error) {
      expect((error as ValidationError).errors[0].path).toBe('endDate');
    }
  });

  it('never coerces an impossible day into the next month', () => {
    expect(isValidEventDate('2025-02-30')).toBe(false);
    expect(isValidEventDate('2025-02-28')).toBe(true);
  });
});

describe('formatEventDate', () => {
  it.each(['2025', '2025-04', '2025-04-02', '1999-12-31', '2024-02-29'])('is the inverse of parseEventDate for %s', (value) => {
    const { date, precision } = parseEventDate(value);
    expect(formatEventDate(date, precision)).toBe(value);
  });
});

describe('endOfPeriod', () => {
  it('ends a year on 31 December, last millisecond', () => {
    expect(endOfPeriod(parseEventDate('2025')).toISOString()).toBe('2025-12-31T23:59:59.999Z');
  });

  it('ends a month on its last day, leap years included', () => {
    expect(endOfPeriod(parseEventDate('2025-04')).toISOString()).toBe('2025-04-30T23:59:59.999Z');
    expect(endOfPeriod(parseEventDate('2024-02')).toISOString()).toBe('2024-02-29T23:59:59.999Z');
    expect(endOfPeriod(parseEventDate('2025-12')).toISOString()).toBe('2025-12-31T23:59:59.999Z');
  });

  it('ends a day at its last millisecond', () => {
    expect(endOfPeriod(parseEventDate('2025-04-02')).toISOString()).toBe('2025-04-02T23:59:59.999Z');
  });
});
