import { describe, expect, it } from 'vitest';
import { parseAtomFeed } from 'feedsmith';
import { renderAtom } from './atom';
import { eventView, feedDocument } from './fixtures.spec-helper';

describe('renderAtom', () => {
  it('writes an RFC 4287 feed a real parser reads, with categories and paging links', () => {
    const xml = renderAtom(feedDocument([eventView()], { nextUrl: 'https://tt.example/feed.atom?cursor=a&limit=1' }));
    const feed = parseAtomFeed(xml);
    expect(feed.id).toBe('https://tt.example/feed.json?actor=US');
    expect(feed.updated).toBeTruthy();
    expect(feed.authors?.[0]?.name).toBe('Trade Timeline');
    expect(feed.links?.find((l) => l.rel === 'next')?.href).toBe('https://tt.example/feed.atom?cursor=a&limit=1');
    const entry = feed.entries?.[0];
    expect(entry?.id).toBe('urn:uuid:0b6f3a52-8a1e-4c1e-9d1e-3f2b8f1a7c01');
    expect(entry?.title).toMatchObject({ value: 'US announces "Liberation Day" tariffs <10%>' });
    expect(entry?.categories?.map((c) => c.term)).toEqual(expect.arrayContaining(['tariffs', 'liberation-day', 'tariff_action', 'US']));
  });

  it('drops characters XML cannot carry instead of producing an invalid document', () => {
    const xml = renderAtom(feedDocument([eventView({ title: 'bad\u0001title' })]));
    expect(xml).toContain('<title>badtitle</title>');
  });
});
