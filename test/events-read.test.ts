import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prisma } from '@app/db';
import { EventsRepository } from '@app/events';
import { client, createTestEnv, startApi, type RunningApi, type TestEnv } from './support/harness';
import { createEvent, createKey, expectProblem, token, walkPages, type Client, type CreatedEvent } from './support/factories';

let env: TestEnv;
let api: RunningApi;
let admin: Client;
let anon: Client;
let editor: Client;
let ingest: Client;

/** Every event of this file carries this tag, so filters are checked against a known set. */
const tag = `read-${token()}`;
const word = `zorb${token(6)}`;
let a: CreatedEvent;
let b: CreatedEvent;
let c: CreatedEvent;
let d: CreatedEvent;
let draft: CreatedEvent;

const ids = (items: { id: string }[]) => items.map((i) => i.id).sort();
const sorted = (...events: CreatedEvent[]) => events.map((e) => e.id).sort();

async function listIds(as: Client, query: string): Promise<string[]> {
  const res = await as('GET', `/v1/events?tag=${tag}&limit=200&${query}`);
  expect(res.status, res.text).toBe(200);
  return ids(res.body.data);
}

beforeAll(async () => {
  env = await createTestEnv();
  api = await startApi();
  admin = client(api.url, env.adminKey);
  anon = client(api.url);
  editor = client(api.url, (await createKey(admin, 'editor')).key);
  ingest = client(api.url, (await createKey(admin, 'ingest')).key);
  a = await createEvent(admin, {
    date: '2025-04-02',
    kind: 'tariff_action',
    tags: [tag, 'tariffs'],
    actors: [
      { code: 'US', role: 'initiator' },
      { code: 'CN', role: 'target' },
    ],
  });
  b = await createEvent(admin, {
    date: '2025-05-07',
    kind: 'talks',
    title: `Beijing willing to hold ${word} talks`,
    tags: [tag, 'talks'],
    actors: [{ code: 'CN', role: 'initiator' }],
  });
  c = await createEvent(admin, {
    date: '2025-05',
    kind: 'meeting',
    tags: [tag],
    actors: [
      { code: 'US', role: 'participant' },
      { code: 'CN', role: 'participant' },
    ],
  });
  d = await createEvent(admin, { date: '2024-12-15', kind: 'statement', tags: [tag], actors: [{ code: 'US', role: 'initiator' }] });
  draft = await createEvent(admin, { date: '2025-05-10', status: 'draft', sources: [], tags: [tag], title: `Draft ${word} notes` });
});
afterAll(async () => api?.close());

describe('GET /v1/events filters', () => {
  it('lists published events of the tag, newest first, drafts hidden', async () => {
    const res = await anon('GET', `/v1/events?tag=${tag}`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((e: CreatedEvent) => e.id)).toEqual([b.id, c.id, a.id, d.id]);
    expect(res.body.nextCursor).toBeNull();
    expect(res.headers.get('link')).toBeNull();
  });

  it('returns the documented event shape', async () => {
    const res = await anon('GET', `/v1/events?tag=${tag}&kind=tariff_action`);
    expect(res.body.data).toHaveLength(1);
    expect(res.body.data[0]).toMatchObject({
      id: a.id,
      slug: a.slug,
      kind: 'tariff_action',
      date: '2025-04-02',
      datePrecision: 'day',
      endDate: null,
      actors: [
        { code: 'US', name: expect.any(String), role: 'initiator' },
        { code: 'CN', name: expect.any(String), role: 'target' },
      ],
      tags: expect.arrayContaining([tag, 'tariffs']),
      sources: [{ url: expect.stringMatching(/^https:\/\/example\.org\//), publisher: 'Example' }],
      relations: [],
      status: 'published',
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      publishedAt: expect.any(String),
    });
  });

  it('filters by actor, repeatable and comma-separated (any), or all with actorsMode', async () => {
    expect(await listIds(anon, 'actor=US')).toEqual(sorted(a, c, d));
    expect(await listIds(anon, 'actor=us')).toEqual(sorted(a, c, d));
    expect(await listIds(anon, 'actor=US&actor=CN')).toEqual(sorted(a, b, c, d));
    expect(await listIds(anon, 'actor=US,CN&actorsMode=all')).toEqual(sorted(a, c));
    expect(await listIds(anon, 'actor=ZZ')).toEqual([]);
    expect(await listIds(anon, 'actor=US,us&actorsMode=all')).toEqual(sorted(a, c, d));
  });

  it('filters by tag (any of several)', async () => {
    const res = await anon('GET', `/v1/events?tag=talks&tag=${tag}&limit=200`);
    expect(ids(res.body.data)).toEqual(expect.arrayContaining(sorted(a, b, c, d)));
    const talks = ids((await anon('GET', '/v1/events?tag=talks&limit=200')).body.data);
    expect(talks).toContain(b.id);
    expect(talks).not.toContain(a.id);
  });

  it('filters by kind, one or several', async () => {
    expect(await listIds(anon, 'kind=talks')).toEqual(sorted(b));
    expect(await listIds(anon, 'kind=talks,meeting')).toEqual(sorted(b, c));
  });

  it('filters from the start of a period', async () => {
    expect(await listIds(anon, 'from=2025-05')).toEqual(sorted(b, c));
    expect(await listIds(anon, 'from=2025')).toEqual(sorted(a, b, c));
    expect(await listIds(anon, 'from=2025-05-02')).toEqual(sorted(b));
  });

  it('filters to the end of a period', async () => {
    expect(await listIds(anon, 'to=2025-04')).toEqual(sorted(a, d));
    expect(await listIds(anon, 'to=2024')).toEqual(sorted(d));
    expect(await listIds(anon, 'from=2025-04-02&to=2025-04-02')).toEqual(sorted(a));
  });

  it('searches title and summary with q, without showing drafts', async () => {
    const res = await anon('GET', `/v1/events?q=${word}`);
    expect(res.status).toBe(200);
    expect(ids(res.body.data)).toEqual(sorted(b));
  });

  it('combines filters with AND', async () => {
    expect(await listIds(anon, 'actor=CN&kind=meeting&from=2025-05')).toEqual(sorted(c));
  });

  it('refuses bad filters with 400 naming each field', async () => {
    const res = await anon('GET', '/v1/events?kind=war&from=2025-99&to=x&actorsMode=most&status=lost');
    expectProblem(res, 400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['actorsMode', 'from', 'kind', 'status', 'to']);
  });
});

describe('status filter', () => {
  it('needs an editor key for non-public statuses', async () => {
    expectProblem(await anon('GET', '/v1/events?status=draft'), 403);
    expectProblem(await ingest('GET', '/v1/events?status=draft'), 403);
    expect((await anon('GET', `/v1/events?status=published&tag=${tag}`)).status).toBe(200);
  });

  it('lets an editor list drafts, alone or with published events', async () => {
    expect(await listIds(editor, 'status=draft')).toEqual(sorted(draft));
    expect(await listIds(editor, 'status=draft,published')).toEqual(sorted(a, b, c, d, draft));
    expect(await listIds(admin, 'status=draft&status=published')).toEqual(sorted(a, b, c, d, draft));
  });
});

describe('keyset paging', () => {
  it.each(['0', '201', '-1', '1.5', 'ten', '1e2', ''])('refuses limit=%j', async (limit) => {
    const res = await anon('GET', `/v1/events?limit=${limit}`);
    expectProblem(res, 400);
    expect(res.body.errors).toContainEqual({ path: 'limit', message: expect.any(String) });
  });

  it('accepts limit 1 and 200, and defaults to 50', async () => {
    expect((await anon('GET', '/v1/events?limit=1')).body.data).toHaveLength(1);
    expect((await anon('GET', '/v1/events?limit=200')).status).toBe(200);
    const all = await walkPages(anon, '/v1/events', 200);
    const first = await anon('GET', '/v1/events');
    expect(first.body.data).toHaveLength(Math.min(50, all.ids.length));
  });

  it('walks a filtered list one by one, each event exactly once, with Link rel="next"', async () => {
    const seen: string[] = [];
    let url: string | null = `/v1/events?tag=${tag}&limit=1`;
    while (url) {
      const res = await anon('GET', url);
      expect(res.status, res.text).toBe(200);
      seen.push(...res.body.data.map((e: { id: string }) => e.id));
      const link = res.headers.get('link');
      if (res.body.nextCursor) {
        expect(link).toMatch(/^<http:\/\/[^>]+>; rel="next"$/);
        const next = new URL(/^<([^>]+)>/.exec(link ?? '')![1]);
        expect(next.searchParams.get('cursor')).toBe(res.body.nextCursor);
        expect(next.searchParams.get('tag')).toBe(tag);
        url = `${next.pathname}${next.search}`;
      } else {
        expect(link).toBeNull();
        url = null;
      }
    }
    expect(seen).toEqual([b.id, c.id, a.id, d.id]);
  });

  it('walks the whole timeline at several page sizes with the same result', async () => {
    const whole = await walkPages(anon, '/v1/events', 200);
    expect(new Set(whole.ids).size).toBe(whole.ids.length);
    for (const limit of [1, 2, 3]) {
      const walked = await walkPages(anon, '/v1/events', limit);
      expect(walked.ids).toEqual(whole.ids);
      expect(walked.pages).toBe(Math.max(1, Math.ceil(whole.ids.length / limit)));
    }
  });

  it('walks a ranked search page by page, each match exactly once', async () => {
    const q = `rank${token(6)}`;
    const made = [];
    for (let i = 0; i < 5; i++) {
      made.push(await createEvent(admin, { title: `${q} ${'echo '.repeat(i)}`, summary: `${q} `.repeat(i + 1), date: `2023-0${i + 1}` }));
    }
    const walked = await walkPages(anon, `/v1/events?q=${q}`, 2);
    expect(walked.ids.sort()).toEqual(ids(made));
  });

  it('refuses an invalid cursor with 400, never 500', async () => {
    for (const cursor of [
      'nope',
      'eyJ4IjoxfQ',
      encodeURIComponent(Buffer.from('{"date":"2025-99-99","id":"0b6c7a8e-4f1d-4c9a-9d6e-2f3b4a5c6d7e"}').toString('base64url')),
    ]) {
      const res = await anon('GET', `/v1/events?cursor=${cursor}`);
      expectProblem(res, 400);
      expect(res.body.errors).toContainEqual({ path: 'cursor', message: expect.any(String) });
    }
  });
});

describe('GET /v1/events/{ref}', () => {
  it('answers by id and by slug with an ETag of the version', async () => {
    const byId = await anon('GET', `/v1/events/${a.id}`);
    expect(byId.status).toBe(200);
    expect(byId.headers.get('etag')).toBe('"1"');
    const bySlug = await anon('GET', `/v1/events/${a.slug}`);
    expect(bySlug.body).toEqual(byId.body);
  });

  it('finds an event by id or slug with index lookups, also in a plan a connection cached', async () => {
    // The statement findByRef runs, caught as it is sent, then planned the way a pooled prepared statement is
    // planned once and kept: generic, for any parameters.
    const sent: Prisma.Sql[] = [];
    const runner = { query: <R>(statement: Prisma.Sql): Promise<R[]> => (sent.push(statement), Promise.resolve([])) };
    await api.app.get(EventsRepository).findByRef(a.id, runner);
    const [statement] = sent;
    const db = new pg.Client({ connectionString: env.databaseUrl });
    await db.connect();
    try {
      await db.query('SET plan_cache_mode = force_generic_plan');
      await db.query(`PREPARE by_ref AS ${statement.text}`);
      const literals = statement.values.map((v) => `'${String(v).replace(/'/g, "''")}'`).join(', ');
      const plan = (await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE by_ref(${literals})`)).rows.map((r) => r['QUERY PLAN']);
      // The event row itself comes from its primary key, never from a scan of every event.
      expect(plan.join('\n')).not.toMatch(/Seq Scan on events e\b/);
      expect(plan.join('\n')).toMatch(/Index (Only )?Scan using events_pkey on events e\b/);
    } finally {
      await db.end();
    }
    // And it still answers by either.
    expect((await anon('GET', `/v1/events/${a.id}`)).body.id).toBe(a.id);
    expect((await anon('GET', `/v1/events/${a.slug}`)).body.id).toBe(a.id);
  });

  it('is 404 problem+json for an unknown id or slug', async () => {
    expectProblem(await anon('GET', '/v1/events/0b6c7a8e-4f1d-4c9a-9d6e-2f3b4a5c6d7e'), 404);
    expectProblem(await anon('GET', '/v1/events/no-such-event'), 404);
  });

  it('hides drafts from the public and ingest keys but shows them to editors', async () => {
    expectProblem(await anon('GET', `/v1/events/${draft.id}`), 404);
    expectProblem(await anon('GET', `/v1/events/${draft.slug}`), 404);
    expectProblem(await ingest('GET', `/v1/events/${draft.id}`), 404);
    const res = await editor('GET', `/v1/events/${draft.id}`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('draft');
  });
});

describe('catalog', () => {
  it('lists actors and tags', async () => {
    const actors = await anon('GET', '/v1/actors');
    expect(actors.status).toBe(200);
    expect(actors.body.data.map((x: { code: string }) => x.code)).toEqual(expect.arrayContaining(['US', 'CN']));
    const tags = await anon('GET', '/v1/tags');
    expect(tags.body.data).toContainEqual({ slug: tag, name: tag, eventCount: 5 });
  });
});
