import { describe, expect, it } from 'vitest';
import { nextDelay, parseRetryAfter, scheduledDelay } from './retry-policy';

const schedule = [0, 5_000, 300_000, 1_800_000];

describe('retry policy', () => {
  it('follows the schedule, the last step repeating past its end', () => {
    expect(scheduledDelay(schedule, 0, 0)).toBe(0);
    expect(scheduledDelay(schedule, 1, 0)).toBe(5_000);
    expect(scheduledDelay(schedule, 3, 0)).toBe(1_800_000);
    expect(scheduledDelay(schedule, 9, 0)).toBe(1_800_000);
  });

  it('jitters within ±20 %', () => {
    expect(scheduledDelay(schedule, 2, 0.2, () => 0)).toBe(240_000);
    expect(scheduledDelay(schedule, 2, 0.2, () => 1)).toBe(360_000);
    for (let i = 0; i < 100; i++) {
      const d = scheduledDelay(schedule, 1, 0.2);
      expect(d).toBeGreaterThanOrEqual(4_000);
      expect(d).toBeLessThanOrEqual(6_000);
    }
  });

  it('honours Retry-After in seconds or as an HTTP date, capped', () => {
    const now = Date.parse('2025-05-07T12:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Wed, 07 May 2025 12:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('999999999', now)).toBe(36_000_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(nextDelay(schedule, 1, 0, 42_000)).toBe(42_000);
    expect(nextDelay(schedule, 1, 0)).toBe(5_000);
  });
});
