import { describe, expect, it } from 'vitest';
import { ValidationError } from '@app/domain';
import { parseAsOf } from './event-curation.service';

describe('parseAsOf', () => {
  it('accepts RFC 3339 date-times with offsets and fractions', () => {
    expect(parseAsOf('2025-04-10T00:00:00Z')?.toISOString()).toBe('2025-04-10T00:00:00.000Z');
    expect(parseAsOf('2025-04-10T02:00:00+02:00')?.toISOString()).toBe('2025-04-10T00:00:00.000Z');
    expect(parseAsOf('2024-02-29t12:00:00.5z')?.toISOString()).toBe('2024-02-29T12:00:00.500Z');
    expect(parseAsOf(undefined)).toBeUndefined();
  });

  it.each([
    'yesterday',
    '2025-04-10',
    '2025-04-10T00:00:00',
    '2025-02-29T00:00:00Z',
    '2025-13-01T00:00:00Z',
    '0000-01-01T00:00:00Z',
    '0001-01-01T00:00:00+01:00',
  ])('refuses %s', (value) => {
    expect(() => parseAsOf(value)).toThrow(ValidationError);
  });

  it('refuses a repeated parameter', () => {
    expect(() => parseAsOf(['2025-04-10T00:00:00Z', '2025-04-11T00:00:00Z'])).toThrow(ValidationError);
  });
});
