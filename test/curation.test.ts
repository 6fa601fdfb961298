import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestEnv, startApi, type RunningApi, type TestEnv } from './support/harness';

let env: TestEnv;
let api: RunningApi;
let admin: ReturnType<typeof client>;
let anon: ReturnType<typeof client>;
let db: pg.Client;

beforeAll(async () => {
  env = await createTestEnv();
  api = await startApi();
  admin = client(api.url, env.adminKey);
  anon = client(api.url);
  db = new pg.Client({ connectionString: env.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await api?.close();
});

const rand = () => Math.random().toString(36).slice(2, 10);
type Created = { id: string; slug: string; version: number; title: string };

async function createEvent(over: Record<string, unknown> = {}): Promise<Created> {
  const res = await admin('POST', '/v1/events', {
    body: {
      title: `Curation test ${rand()}`,
      summary: 'A test event.',
      kind: 'statement',
      date: '2021-03-01',
      actors: [{ code: 'CN', role: 'initiator' }],
      tags: [`t-${rand()}`],
      sources: [{ url: `https://example.org/${rand()}`, publisher: 'Example' }],
      ...over,
    },
  });
  expect(res.status, res.text).toBe(201);
  return res.body as Created;
}

const ids = (items: { id: string }[]) => items.map((i) => i.id).sort();

describe('GET /v1/events/{id}/related', () => {
  it('ranks relations, two hops and shared actor+tag, with reasons, and agrees with relatedTo', async () => {
    const tag = `rel-${rand()}`;
    const anchor = await createEvent({
      date: '2020-03-01',
      tags: [tag],
      actors: [
        { code: 'US', role: 'initiator' },
        { code: 'CN', role: 'target' },
      ],
    });
    const shared = await createEvent({ date: '2020-03-13', tags: [tag], actors: [{ code: 'CN', role: 'initiator' }] });
    const reply = await createEvent({ date: '2019-01-01', relations: [{ type: 'responds_to', to: anchor.id }] });
    const hop = await createEvent({ date: '2018-01-01', relations: [{ type: 'follows', to: reply.id }] });
    const far = await createEvent({ date: '2020-09-01', tags: [tag], actors: [{ code: 'CN', role: 'initiator' }] });

    const res = await anon('GET', `/v1/events/${anchor.slug}/related`);
    expect(res.status, res.text).toBe(200);
    const byId = new Map(res.body.data.map((r: { event: { id: string } }) => [r.event.id, r]));
    expect(byId.has(far.id)).toBe(false);
    expect(res.body.data[0].event.id).toBe(reply.id);
    expect((byId.get(reply.id) as { reasons: string[] }).reasons).toContain('relation:responds_to (incoming)');
    expect((byId.get(hop.id) as { reasons: string[] }).reasons).toContain(`2 hops via ${reply.slug}`);
    expect((byId.get(shared.id) as { reasons: string[] }).reasons).toEqual(['actors:CN', `tags:${tag}`, '12 days apart']);
    const scores = res.body.data.map((r: { score: number }) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);

    const filtered = await anon('GET', `/v1/events?relatedTo=${anchor.id}&limit=200`);
    expect(ids(res.body.data.map((r: { event: { id: string } }) => r.event))).toEqual(ids(filtered.body.data));
  });

  it('agrees with relatedTo on every seeded event', async () => {
    const all = await anon('GET', '/v1/events?limit=200');
    for (const event of all.body.data.slice(0, 30)) {
      const [related, filtered] = await Promise.all([
        anon('GET', `/v1/events/${event.id}/related?limit=200`),
        anon('GET', `/v1/events?relatedTo=${event.id}&limit=200`),
      ]);
      expect(related.status).toBe(200);
      expect(ids(related.body.data.map((r: { event: { id: string } }) => r.event)), event.slug).toEqual(ids(filtered.body.data));
    }
  });

  it('answers 404 for unknown events and 400 for a bad limit', async () => {
    expect((await anon('GET', '/v1/events/no-such-event/related')).status).toBe(404);
    expect((await anon('GET', '/v1/events/00000000-0000-0000-0000-000000000000/related')).status).toBe(404);
    expect((await anon('GET', '/v1/events/x/related?limit=1000')).status).toBe(400);
  });
});

describe('search', () => {
  it('ranks a title match above a summary match', async () => {
    const word = `zq${rand()}`;
    const inSummary = await createEvent({ title: `Quiet meeting ${rand()}`, summary: `Mentions ${word} once.`, date: '2024-12-01' });
    const inTitle = await createEvent({ title: `The ${word} announcement`, summary: 'Nothing more.', date: '2020-01-01' });
    const res = await anon('GET', `/v1/events?q=${word}`);
    expect(res.body.data.map((e: { id: string }) => e.id)).toEqual([inTitle.id, inSummary.id]);
  });
});

describe('duplicates and merge', () => {
  it('finds a near-duplicate, merges it without losing a source, and emits both outbox rows', async () => {
    const title = `Beijing raises tariffs on American goods to 125 percent ${rand()}`;
    const target = await createEvent({ date: '2025-04-11', kind: 'retaliation' });
    const survivor = await createEvent({ title, date: '2025-04-11', tags: ['tariffs'] });
    const dup = await createEvent({
      title: title.replace('raises tariffs', 'raises tariff').replace('American', 'US'),
      date: '2025-04-12',
      tags: ['tariffs', 'retaliation'],
      actors: [
        { code: 'CN', role: 'initiator' },
        { code: 'US', role: 'target' },
      ],
      relations: [{ type: 'responds_to', to: target.id }],
    });
    const before = (await anon('GET', `/v1/events/${dup.id}`)).body;
    const survivorBefore = (await anon('GET', `/v1/events/${survivor.id}`)).body;

    expect((await anon('GET', `/v1/events/${dup.id}/duplicates`)).status).toBe(401);
    const candidates = await admin('GET', `/v1/events/${dup.id}/duplicates`);
    expect(candidates.status, candidates.text).toBe(200);
    const found = candidates.body.data.find((c: { event: { id: string } }) => c.event.id === survivor.id);
    expect(found.score).toBeGreaterThan(0.3);
    expect(found.reasons).toEqual(expect.arrayContaining([expect.stringMatching(/^title similarity 0\.\d\d$/), '1 day apart']));

    const suggestions = await admin('GET', `/v1/events/${dup.id}/suggestions`);
    expect(suggestions.body.data.find((s: { event: { id: string } }) => s.event.id === survivor.id)?.type).toBe('duplicate_of');

    const merged = await admin('POST', `/v1/events/${dup.id}/merge`, { body: { into: survivor.slug } });
    expect(merged.status, merged.text).toBe(200);
    const after = merged.body.survivor;
    const urls = after.sources.map((s: { url: string }) => s.url);
    for (const s of [...before.sources, ...survivorBefore.sources]) expect(urls).toContain(s.url);
    expect(after.actors.map((a: { code: string }) => a.code).sort()).toEqual(['CN', 'US']);
    expect(after.tags).toEqual(expect.arrayContaining(['tariffs', 'retaliation']));
    expect(after.relations).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'responds_to', event: expect.objectContaining({ id: target.id }) })]),
    );
    expect(after.version).toBe(survivorBefore.version + 1);

    const old = await anon('GET', `/v1/events/${dup.id}`);
    expect(old.status).toBe(200);
    expect(old.body).toMatchObject({ status: 'merged', mergedInto: survivor.id });
    const list = await anon('GET', `/v1/events?q=${encodeURIComponent('Beijing 125')}&limit=200`);
    expect(list.body.data.map((e: { id: string }) => e.id)).not.toContain(dup.id);
    const feed = await anon('GET', '/feed.json?limit=200');
    expect(feed.body.items.map((i: { id: string }) => i.id)).not.toContain(`urn:uuid:${dup.id}`);

    const outbox = await db.query(
      `SELECT type, event_id, payload FROM outbox_entries WHERE event_id = ANY($1::uuid[]) AND created_at >= now() - interval '1 minute' ORDER BY id DESC LIMIT 2`,
      [[dup.id, survivor.id]],
    );
    expect(outbox.rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'event.updated', event_id: survivor.id }),
        expect.objectContaining({ type: 'event.retracted', event_id: dup.id, payload: { reason: 'merged', mergedInto: survivor.id } }),
      ]),
    );
    const revisions = await admin('GET', `/v1/events/${dup.id}/revisions`);
    expect(revisions.body.data[0]).toMatchObject({ action: 'merged' });
    const audit = await db.query(`SELECT action FROM audit_entries WHERE target_id = ANY($1) ORDER BY id DESC LIMIT 2`, [
      [dup.id, survivor.id],
    ]);
    expect(audit.rows.map((r) => r.action).sort()).toEqual(['event.merged', 'event.merged_from']);

    const again = await admin('POST', `/v1/events/${dup.id}/merge`, { body: { into: survivor.id } });
    expect(again.status).toBe(409);
    expect((await admin('POST', `/v1/events/${survivor.id}/merge`, { body: { into: survivor.id } })).status).toBe(400);
    expect((await admin('POST', `/v1/events/${survivor.id}/merge`, { body: { into: 'nope' } })).status).toBe(400);
    expect((await admin('POST', `/v1/events/${survivor.id}/merge`, { body: {} })).status).toBe(400);
  });
});

describe('relations', () => {
  it('adds a suggested relation, confirms it, removes it — each a new version', async () => {
    const a = await createEvent({ date: '2016-01-01' });
    const b = await createEvent({ date: '2015-01-01' });
    const added = await admin('POST', `/v1/events/${a.id}/relations`, { body: { type: 'escalates', to: b.slug, status: 'suggested' } });
    expect(added.status, added.text).toBe(201);
    expect(added.body.event.version).toBe(a.version + 1);
    expect(added.body.event.relations).toEqual([
      expect.objectContaining({ id: added.body.relationId, status: 'suggested', type: 'escalates' }),
    ]);
    const notYet = await anon('GET', `/v1/events/${a.id}/related`);
    expect(notYet.body.data.map((r: { event: { id: string } }) => r.event.id)).not.toContain(b.id);

    expect((await admin('POST', `/v1/events/${a.id}/relations`, { body: { type: 'escalates', to: b.id } })).status).toBe(409);

    const confirmed = await admin('POST', `/v1/events/${a.id}/relations/${added.body.relationId}/confirm`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.relations[0].status).toBe('confirmed');
    const now = await anon('GET', `/v1/events/${a.id}/related`);
    expect(now.body.data[0]).toMatchObject({ event: { id: b.id }, reasons: ['relation:escalates'] });

    const removed = await admin('DELETE', `/v1/events/${b.id}/relations/${added.body.relationId}`);
    expect(removed.status).toBe(200);
    expect(removed.body.relations).toEqual([]);
    const history = await admin('GET', `/v1/events/${a.id}/revisions`);
    expect(history.body.data.map((r: { action: string }) => r.action)).toEqual(['relation_confirmed', 'relation_added', 'created']);
  });

  it("files relations under each other's events at once without a deadlock: one of each, the rest 409", async () => {
    for (let round = 0; round < 3; round++) {
      const c = await createEvent();
      const d = await createEvent();
      const both = await Promise.all([
        ...Array.from({ length: 6 }, () => admin('POST', `/v1/events/${c.id}/relations`, { body: { type: 'responds_to', to: d.id } })),
        ...Array.from({ length: 6 }, () => admin('POST', `/v1/events/${d.id}/relations`, { body: { type: 'responds_to', to: c.id } })),
      ]);
      const statuses = both.map((r) => r.status);
      expect(
        statuses.filter((s) => s === 201),
        statuses.join(),
      ).toHaveLength(2);
      expect(
        statuses.filter((s) => s === 409),
        statuses.join(),
      ).toHaveLength(10);
    }
  });

  it('answers 4xx for bad input', async () => {
    const a = await createEvent();
    expect((await anon('POST', `/v1/events/${a.id}/relations`, { body: { type: 'related', to: a.id } })).status).toBe(401);
    expect((await admin('POST', `/v1/events/${a.id}/relations`, { body: { type: 'related', to: a.id } })).status).toBe(400);
    expect((await admin('POST', `/v1/events/${a.id}/relations`, { body: { type: 'loves', to: a.id } })).status).toBe(400);
    expect((await admin('POST', `/v1/events/${a.id}/relations`, { body: { type: 'related', to: 'missing' } })).status).toBe(400);
    expect((await admin('POST', `/v1/events/missing/relations`, { body: { type: 'related', to: a.id } })).status).toBe(404);
    expect((await admin('DELETE', `/v1/events/${a.id}/relations/not-a-uuid`)).status).toBe(404);
    expect((await admin('DELETE', `/v1/events/${a.id}/relations/00000000-0000-0000-0000-000000000000`)).status).toBe(404);
    expect((await admin('POST', `/v1/events/${a.id}/relations/not-a-uuid/confirm`)).status).toBe(404);
  });
});

describe('as known at', () => {
  it('answers the event and the list as they were recorded at a time', async () => {
    const beforeCreation = new Date(Date.now() - 1000).toISOString();
    const tag = `asof-${rand()}`;
    const event = await createEvent({ title: `Original title ${rand()}`, tags: [tag] });
    await new Promise((r) => setTimeout(r, 20));
    const known = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    const patched = await admin('PATCH', `/v1/events/${event.id}`, {
      body: { title: `Corrected title ${rand()}` },
      headers: { 'if-match': '"1"' },
    });
    expect(patched.status, patched.text).toBe(200);

    const then = await anon('GET', `/v1/events/${event.slug}?asOf=${encodeURIComponent(known)}`);
    expect(then.status, then.text).toBe(200);
    expect(then.body).toMatchObject({ title: event.title, version: 1 });
    expect((await anon('GET', `/v1/events/${event.id}`)).body.title).toBe(patched.body.title);
    expect((await anon('GET', `/v1/events/${event.id}?asOf=${encodeURIComponent(beforeCreation)}`)).status).toBe(404);

    const listThen = await anon('GET', `/v1/events?tag=${tag}&asOf=${encodeURIComponent(known)}`);
    expect(listThen.status, listThen.text).toBe(200);
    expect(listThen.body.data.map((e: { title: string }) => e.title)).toEqual([event.title]);
    const searchThen = await anon('GET', `/v1/events?q=${encodeURIComponent('Original')}&tag=${tag}&asOf=${encodeURIComponent(known)}`);
    expect(searchThen.body.data).toHaveLength(1);
    const listBefore = await anon('GET', `/v1/events?tag=${tag}&asOf=${encodeURIComponent(beforeCreation)}`);
    expect(listBefore.body.data).toEqual([]);
  });

  it('pages the seeded timeline as known now, the same as the live list', async () => {
    const now = new Date().toISOString();
    const [live, history] = await Promise.all([
      anon('GET', '/v1/events?limit=200&tag=tariffs'),
      anon('GET', `/v1/events?limit=200&tag=tariffs&asOf=${encodeURIComponent(now)}`),
    ]);
    expect(history.body.data.map((e: { id: string }) => e.id)).toEqual(live.body.data.map((e: { id: string }) => e.id));
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: { id: string }[]; nextCursor: string | null } } = await anon(
        'GET',
        `/v1/events?limit=3&tag=tariffs&asOf=${encodeURIComponent(now)}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      walked.push(...page.body.data.map((e) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(walked).toEqual(live.body.data.map((e: { id: string }) => e.id));
  });

  it('refuses a bad asOf with 400', async () => {
    for (const bad of ['yesterday', '2025-04-10', '2025-13-40T00:00:00Z', '2025-04-10T00:00:00']) {
      expect((await anon('GET', `/v1/events?asOf=${encodeURIComponent(bad)}`)).status, bad).toBe(400);
      expect((await anon('GET', `/v1/events/x?asOf=${encodeURIComponent(bad)}`)).status, bad).toBe(400);
    }
    expect((await anon('GET', `/v1/events?asOf=${encodeURIComponent(new Date().toISOString())}&relatedTo=x`)).status).toBe(400);
  });

  it('answers edge-of-range times without a 500', async () => {
    for (const edge of ['0000-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59+14:00', '2025-04-10T00:00:00.123456789Z']) {
      const list = await anon('GET', `/v1/events?asOf=${encodeURIComponent(edge)}`);
      expect(list.status, `${edge}: ${list.text}`).toBeLessThan(500);
      const one = await anon('GET', `/v1/events/x?asOf=${encodeURIComponent(edge)}`);
      expect(one.status, edge).toBeLessThan(500);
    }
  });
});
