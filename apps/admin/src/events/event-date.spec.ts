import { describe, expect, it } from 'vitest';
import { formatEventDate, precisionOf, validateEventDate } from './event-date';

describe('event dates at their precision', () => {
  it('shows a day, a month and a year as such, never with a made-up day', () => {
    expect(formatEventDate('2025-04-02', 'day')).toBe('2 Apr 2025');
    expect(formatEventDate('2025-04', 'month')).toBe('Apr 2025');
    expect(formatEventDate('2025', 'year')).toBe('2025');
    expect(formatEventDate('2025-12')).toBe('Dec 2025');
  });

  it('reads the precision of what an editor types, refusing non-dates', () => {
    expect(precisionOf('2025')).toBe('year');
    expect(precisionOf('2025-04')).toBe('month');
    expect(precisionOf('2025-04-02')).toBe('day');
    expect(precisionOf('2025-02-30')).toBeNull();
    expect(precisionOf('2025-13')).toBeNull();
    expect(validateEventDate('April 2025')).toBe('Use 2025, 2025-04 or 2025-04-02');
    expect(validateEventDate('')).toBeUndefined();
  });
});
