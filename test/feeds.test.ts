import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parseAtomFeed, parseJsonFeed } from 'feedsmith';
import RssParser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestEnv, startApi, type RunningApi, type TestEnv } from './support/harness';

let env: TestEnv;
let api: RunningApi;
let admin: ReturnType<typeof client>;
let anon: ReturnType<typeof client>;

beforeAll(async () => {
  env = await createTestEnv();
  api = await startApi();
  admin = client(api.url, env.adminKey);
  anon = client(api.url);
});
afterAll(async () => api?.close());

const rand = () => Math.random().toString(36).slice(2, 10);

async function createEvent(over: Record<string, unknown> = {}) {
  const res = await admin('POST', '/v1/events', {
    body: {
      title: `Feed test event ${rand()}`,
      summary: 'Tariffs & <retaliation>, as reported.',
      kind: 'tariff_action',
      date: '2025-05-14',
      actors: [{ code: 'CN', role: 'initiator' }],
      tags: ['tariffs'],
      sources: [{ url: `https://example.org/${rand()}`, publisher: 'Example' }],
      ...over,
    },
  });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; slug: string; version: number };
}

const idOf = (feedId: string) => feedId.replace(/^urn:uuid:/, '');

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): the rules a reader relies on. */
const jsonFeedSchema = {
  type: 'object',
  required: ['version', 'title', 'items'],
  properties: {
    version: { const: 'https://jsonfeed.org/version/1.1' },
    title: { type: 'string', minLength: 1 },
    home_page_url: { type: 'string', format: 'uri' },
    feed_url: { type: 'string', format: 'uri' },
    next_url: { type: 'string', format: 'uri' },
    description: { type: 'string' },
    language: { type: 'string' },
    authors: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id'],
        anyOf: [{ required: ['content_html'] }, { required: ['content_text'] }],
        properties: {
          id: { type: 'string', minLength: 1 },
          url: { type: 'string', format: 'uri' },
          title: { type: 'string' },
          content_html: { type: 'string' },
          content_text: { type: 'string' },
          date_published: { type: 'string', format: 'date-time' },
          date_modified: { type: 'string', format: 'date-time' },
          tags: { type: 'array', items: { type: 'string' } },
        },
        patternProperties: { '^_': { type: 'object' } },
      },
    },
  },
};
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validateJsonFeed = ajv.compile(jsonFeedSchema);

describe('GET /feed.json', () => {
  it('is a valid JSON Feed 1.1 that a real reader parses', async () => {
    const res = await anon('GET', '/feed.json?limit=200');
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/feed\+json/);
    expect(validateJsonFeed(res.body), JSON.stringify(validateJsonFeed.errors)).toBe(true);
    const ids = res.body.items.map((i: { id: string }) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    const parsed = parseJsonFeed(res.text);
    expect(parsed.title).toBeTruthy();
    expect(parsed.items?.length).toBe(res.body.items.length);
    for (const item of res.body.items) {
      expect(item._trade_timeline).toMatchObject({ date: expect.any(String), datePrecision: expect.any(String), kind: expect.any(String) });
      expect(item.content_html).not.toMatch(/<script/);
    }
  });

  it('a reader subscribed to ?actor=CN gets China events, revalidates with 304, and picks up a new one', async () => {
    const first = await anon('GET', '/feed.json?actor=CN');
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=60');
    expect(lastModified).toBeTruthy();
    for (const item of first.body.items) expect(item._trade_timeline.actors.map((a: { code: string }) => a.code)).toContain('CN');

    const revalidate = await anon('GET', '/feed.json?actor=CN', { headers: { 'if-none-match': etag } });
    expect(revalidate.status).toBe(304);
    expect(revalidate.text).toBe('');
    expect(revalidate.headers.get('etag')).toBe(etag);
    const bySince = await anon('GET', '/feed.json?actor=CN', { headers: { 'if-modified-since': lastModified } });
    expect(bySince.status).toBe(304);

    const created = await createEvent({ date: '2099-01-02' });
    const after = await anon('GET', '/feed.json?actor=CN', { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(after.body.items[0].id).toBe(`urn:uuid:${created.id}`);
  });

  it('sends different validators for different queries and formats', async () => {
    const a = await anon('GET', '/feed.json?actor=CN');
    const b = await anon('GET', '/feed.json?actor=US');
    const c = await anon('GET', '/feed.atom?actor=CN');
    expect(new Set([a, b, c].map((r) => r.headers.get('etag'))).size).toBe(3);
    const cross = await anon('GET', '/feed.json?actor=US', { headers: { 'if-none-match': a.headers.get('etag')! } });
    expect(cross.status).toBe(200);
  });

  it('walks every item exactly once through next_url', async () => {
    const tag = `paging-${rand()}`;
    const created = [];
    for (let i = 1; i <= 5; i++) created.push((await createEvent({ tags: [tag], date: `2024-0${i}-10` })).id);
    const seen: string[] = [];
    let url: string | undefined = `/feed.json?tag=${tag}&limit=2`;
    let pages = 0;
    while (url) {
      const res = await anon('GET', url.replace(api.url, ''));
      expect(res.status, res.text).toBe(200);
      seen.push(...res.body.items.map((i: { id: string }) => idOf(i.id)));
      url = res.body.next_url;
      if (url) expect(res.headers.get('link')).toBe(`<${url}>; rel="next"`);
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(created.sort());
  });

  it('refuses bad queries with problem+json, never a 500', async () => {
    for (const path of [
      '/feed.json?cursor=nope',
      '/feed.json?limit=0',
      '/feed.json?kind=war',
      '/feed.atom?from=2025-13',
      '/v1/timeline.json?limit=x',
    ]) {
      const res = await anon('GET', path, { headers: { 'if-none-match': '*' } });
      expect(res.status, path).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    }
  });
});

describe('GET /feed.atom', () => {
  it('is Atom 1.0 that feedsmith and rss-parser read, with categories and rel=next', async () => {
    const tag = `atom-${rand()}`;
    for (let i = 1; i <= 3; i++) await createEvent({ tags: [tag, 'tariffs'], date: `2023-0${i}-01` });
    const res = await anon('GET', `/feed.atom?tag=${tag}&limit=2`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    const feed = parseAtomFeed(res.text);
    expect(feed.id).toBeTruthy();
    expect(feed.updated).toBeTruthy();
    expect(feed.authors?.[0]?.name).toBe('Trade Timeline');
    expect(feed.entries).toHaveLength(2);
    for (const entry of feed.entries ?? []) {
      expect(entry.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
      expect(entry.updated).toBeTruthy();
      expect(entry.links?.some((l) => l.rel === 'alternate')).toBe(true);
      expect(entry.categories?.map((c) => c.term)).toEqual(expect.arrayContaining([tag, 'tariffs']));
    }
    const next = feed.links?.find((l) => l.rel === 'next')?.href;
    expect(next).toBeTruthy();
    const rss = await new RssParser().parseString(res.text);
    expect(rss.items).toHaveLength(2);
    const page2 = await anon('GET', next!.replace(api.url, ''));
    const feed2 = parseAtomFeed(page2.text);
    expect(feed2.entries).toHaveLength(1);
    expect(feed2.id).toBe(feed.id);
    expect(feed2.links?.find((l) => l.rel === 'next')).toBeUndefined();
  });
});

describe('GET /v1/timeline.json', () => {
  it('keeps month precision (no day) and renders every published event', async () => {
    const tag = `tljs-${rand()}`;
    const month = await createEvent({ tags: [tag], date: '2025-06', endDate: '2025-07' });
    const res = await anon('GET', `/v1/timeline.json?tag=${tag}`);
    expect(res.status).toBe(200);
    const slide = res.body.events.find((e: { unique_id: string }) => e.unique_id === month.id);
    expect(slide.start_date).toEqual({ year: 2025, month: 6 });
    expect(slide.end_date).toEqual({ year: 2025, month: 7 });
    expect(slide.group).toBe('tariff_action');
    expect(slide.text.headline).toBeTruthy();
    expect(res.body.title.text.headline).toBeTruthy();
  });

  it('follows each seeded event’s precision', async () => {
    const [list, timeline] = await Promise.all([anon('GET', '/v1/events?limit=200'), anon('GET', '/v1/timeline.json?limit=200')]);
    const slides = new Map(timeline.body.events.map((s: { unique_id: string }) => [s.unique_id, s]));
    expect(slides.size).toBe(list.body.data.length);
    for (const event of list.body.data) {
      const start = (slides.get(event.id) as { start_date: Record<string, number> }).start_date;
      const keys = { year: ['year'], month: ['year', 'month'], day: ['year', 'month', 'day'] }[event.datePrecision as 'day'];
      expect(Object.keys(start).sort()).toEqual([...keys].sort());
    }
  });
});

describe('filters agree between /v1/events and the feeds', () => {
  const queries = [
    'actor=CN',
    'actor=US&actor=CN',
    'actor=US,CN&actorsMode=all',
    'tag=tariffs',
    'kind=tariff_action',
    'from=2025-04&to=2025-05',
    'q=tariffs',
    'q=tariff%20-retaliation',
  ];
  it.each(queries)('%s', async (query) => {
    const [list, json, atom, timeline] = await Promise.all([
      anon('GET', `/v1/events?${query}&limit=200`),
      anon('GET', `/feed.json?${query}&limit=200`),
      anon('GET', `/feed.atom?${query}&limit=200`),
      anon('GET', `/v1/timeline.json?${query}&limit=200`),
    ]);
    const expected = list.body.data.map((e: { id: string }) => e.id);
    expect(json.body.items.map((i: { id: string }) => idOf(i.id))).toEqual(expected);
    expect((parseAtomFeed(atom.text).entries ?? []).map((e) => idOf(e.id!))).toEqual(expected);
    expect(timeline.body.events.map((s: { unique_id: string }) => s.unique_id)).toEqual(expected);
  });

  it('relatedTo agrees too', async () => {
    const anchor = await createEvent({ date: '2022-02-02' });
    await createEvent({ date: '2022-02-10', relations: [{ type: 'responds_to', to: anchor.id }] });
    const [list, json] = await Promise.all([
      anon('GET', `/v1/events?relatedTo=${anchor.slug}&limit=200`),
      anon('GET', `/feed.json?relatedTo=${anchor.slug}&limit=200`),
    ]);
    expect(list.body.data.length).toBeGreaterThan(0);
    expect(json.body.items.map((i: { id: string }) => idOf(i.id))).toEqual(list.body.data.map((e: { id: string }) => e.id));
  });
});

describe('retracted events', () => {
  it('leave the feeds, and their URL keeps answering with the status', async () => {
    const tag = `retract-${rand()}`;
    const event = await createEvent({ tags: [tag] });
    expect((await anon('GET', `/feed.json?tag=${tag}`)).body.items).toHaveLength(1);
    const retracted = await admin('POST', `/v1/events/${event.id}/retract`, { body: { reason: 'Reported in error' } });
    expect(retracted.status).toBe(200);
    expect((await anon('GET', `/feed.json?tag=${tag}`)).body.items).toHaveLength(0);
    expect((await anon('GET', `/v1/timeline.json?tag=${tag}`)).body.events).toHaveLength(0);
    const got = await anon('GET', `/v1/events/${event.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ status: 'retracted', statusReason: 'Reported in error' });
  });
});
