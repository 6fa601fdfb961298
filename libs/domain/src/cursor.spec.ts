import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, isUuid } from './cursor';
import { ValidationError } from './errors';

const ID = '0b6c7a8e-4f1d-4c9a-9d6e-2f3b4a5c6d7e';

function encodeRaw(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64url');
}

describe('cursor', () => {
  it('round-trips a position', () => {
    const cursor = { date: '2025-04-02', id: ID };
    const encoded = encodeCursor(cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(encoded)).toEqual(cursor);
  });

  it('round-trips a ranked position', () => {
    const cursor = { date: '2025-05-07', id: ID, rank: 0.0607927 };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it.each([
    ['garbage', 'not a cursor at all!'],
    ['empty', ''],
    ['a NUL byte', '\u0000'],
    ['JSON null', encodeRaw('null')],
    ['a JSON number', encodeRaw('42')],
    ['a JSON array', encodeRaw(JSON.stringify(['2025-04-02', ID]))],
    ['a missing id', encodeRaw(JSON.stringify({ date: '2025-04-02' }))],
    ['a non-uuid id', encodeRaw(JSON.stringify({ date: '2025-04-02', id: "1'; drop table events;--" }))],
    ['a date that is not a day', encodeRaw(JSON.stringify({ date: '2025-04', id: ID }))],
    ['a date that is not in the calendar', encodeRaw(JSON.stringify({ date: '2025-99-99', id: ID }))],
    ['year zero', encodeRaw(JSON.stringify({ date: '0000-01-01', id: ID }))],
    ['a string rank', encodeRaw(JSON.stringify({ date: '2025-04-02', id: ID, rank: '1' }))],
  ])('refuses %s with a ValidationError on path cursor', (_name, value) => {
    expect(() => decodeCursor(value)).toThrow(ValidationError);
    try {
      decodeCursor(value);
    } catch (error) {
      expect((error as ValidationError).errors).toEqual([{ path: 'cursor', message: expect.any(String) }]);
    }
  });
});

describe('isUuid', () => {
  it('accepts uuids in either case and nothing else', () => {
    expect(isUuid(ID)).toBe(true);
    expect(isUuid(ID.toUpperCase())).toBe(true);
    expect(isUuid('2025-04-02-liberation-day')).toBe(false);
    expect(isUuid(`${ID}x`)).toBe(false);
  });
});
