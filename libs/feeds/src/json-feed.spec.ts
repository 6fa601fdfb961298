import { describe, expect, it } from 'vitest';
import { toJsonFeed } from './json-feed';
import { eventView, feedDocument } from './fixtures.spec-helper';

describe('toJsonFeed', () => {
  it('writes a JSON Feed 1.1 document with stable ids and the timeline extension', () => {
    const feed = toJsonFeed(feedDocument([eventView()], { nextUrl: 'https://tt.example/feed.json?cursor=abc' }));
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.next_url).toBe('https://tt.example/feed.json?cursor=abc');
    const [item] = feed.items;
    expect(item.id).toBe('urn:uuid:0b6f3a52-8a1e-4c1e-9d1e-3f2b8f1a7c01');
    expect(item.url).toBe('https://tt.example/v1/events/0b6f3a52-8a1e-4c1e-9d1e-3f2b8f1a7c01');
    expect(item.date_published).toBe('2025-04-02T10:00:00.000Z');
    expect(item.tags).toEqual(['tariffs', 'liberation-day']);
    expect(item._trade_timeline).toMatchObject({ date: '2025-04-02', datePrecision: 'day', kind: 'tariff_action' });
  });

  it('escapes the summary into content_html and keeps content_text as written', () => {
    const [item] = toJsonFeed(feedDocument([eventView({ summary: '<script>alert(1)</script> & more' })])).items;
    expect(item.content_html).toContain('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</p>');
    expect(item.content_html).toContain('href="https://example.org/a?x=1&amp;y=2"');
    expect(item.content_text).toBe('<script>alert(1)</script> & more');
  });

  it('omits next_url on the last page and tags when there are none', () => {
    const feed = toJsonFeed(feedDocument([eventView({ tags: [] })]));
    expect(feed).not.toHaveProperty('next_url');
    expect(feed.items[0]).not.toHaveProperty('tags');
  });
});
