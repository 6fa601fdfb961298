import { describe, expect, it } from 'vitest';
import { isNotModified, listEtag } from './conditional-get';
import { RenderedCache } from './rendered-cache';

describe('listEtag', () => {
  it('changes with the timeline version and the selection, and is strong', () => {
    const a = listEtag(5n, 'json\n/feed.json');
    expect(a).toMatch(/^"t5-[\w-]{16}"$/);
    expect(listEtag(6n, 'json\n/feed.json')).not.toBe(a);
    expect(listEtag(5n, 'atom\n/feed.atom')).not.toBe(a);
    expect(listEtag(5n, 'json\n/feed.json')).toBe(a);
  });
});

describe('isNotModified', () => {
  const modified = new Date('2025-04-03T10:00:00.500Z');
  it('matches If-None-Match lists, weak forms and *', () => {
    expect(isNotModified({ 'if-none-match': '"x", "t1-a"' }, '"t1-a"', modified)).toBe(true);
    expect(isNotModified({ 'if-none-match': 'W/"t1-a"' }, '"t1-a"', modified)).toBe(true);
    expect(isNotModified({ 'if-none-match': '*' }, '"t1-a"', modified)).toBe(true);
    expect(isNotModified({ 'if-none-match': '"t0-a"' }, '"t1-a"', modified)).toBe(false);
  });
  it('uses If-Modified-Since only without If-None-Match, at one-second resolution', () => {
    const ims = modified.toUTCString();
    expect(isNotModified({ 'if-modified-since': ims }, '"e"', modified)).toBe(true);
    expect(isNotModified({ 'if-modified-since': new Date('2025-04-03T09:59:59Z').toUTCString() }, '"e"', modified)).toBe(false);
    expect(isNotModified({ 'if-modified-since': 'garbage' }, '"e"', modified)).toBe(false);
    expect(isNotModified({ 'if-none-match': '"other"', 'if-modified-since': ims }, '"e"', modified)).toBe(false);
  });
});

describe('RenderedCache', () => {
  it('evicts the least recently used entry beyond its bounds', () => {
    const cache = new RenderedCache(2, 1000);
    cache.set('a', { body: Buffer.from('A'), nextUrl: null });
    cache.set('b', { body: Buffer.from('B'), nextUrl: null });
    cache.get('a');
    cache.set('c', { body: Buffer.from('C'), nextUrl: null });
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.body.toString()).toBe('A');
    const small = new RenderedCache(10, 3);
    small.set('x', { body: Buffer.from('xx'), nextUrl: null });
    small.set('y', { body: Buffer.from('yy'), nextUrl: null });
    expect(small.get('x')).toBeUndefined();
    expect(small.size).toBe(1);
  });
});
