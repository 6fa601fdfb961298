import { describe, expect, it } from 'vitest';
import { CursorPages, listKey } from './cursor-pages';

describe('keyset cursors behind page numbers', () => {
  it('remembers where each page starts, and starts over for a page never reached', () => {
    const pages = new CursorPages();
    const key = listKey('events', { q: 'tariffs' }, 50);
    expect(pages.cursorFor(key, 1)).toBeUndefined();
    expect(pages.cursorFor(key, 2)).toBeNull();
    pages.remember(key, 1, 'c2');
    pages.remember(key, 2, 'c3');
    expect(pages.cursorFor(key, 2)).toBe('c2');
    expect(pages.cursorFor(key, 3)).toBe('c3');
    expect(pages.cursorFor(key, 4)).toBeNull();
  });

  it('keys a list by resource, filter (in any order) and page size', () => {
    expect(listKey('events', { a: 1, b: 2 }, 50)).toBe(listKey('events', { b: 2, a: 1 }, 50));
    expect(listKey('events', { a: 1 }, 50)).not.toBe(listKey('events', { a: 1 }, 25));
  });
});
