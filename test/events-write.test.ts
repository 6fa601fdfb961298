import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, PreparedStatements, Prisma } from '../libs/db/src';
import { loadConfig } from '../libs/config/src';
import { client, createTestEnv, startApi, type RunningApi, type TestEnv } from './support/harness';
import { createEvent, createKey, eventBody, expectProblem, token, type Client } from './support/factories';

let env: TestEnv;
let api: RunningApi;
let admin: Client;
let anon: Client;
let editor: Client;
let ingest: Client;
let db: pg.Client;

beforeAll(async () => {
  env = await createTestEnv();
  api = await startApi();
  admin = client(api.url, env.adminKey);
  anon = client(api.url);
  editor = client(api.url, (await createKey(admin, 'editor')).key);
  ingest = client(api.url, (await createKey(admin, 'ingest')).key);
  db = new pg.Client({ connectionString: env.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await api?.close();
});

const paths = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path);

describe('POST /v1/events', () => {
  it('creates a published event by default, with Location', async () => {
    const res = await ingest('POST', '/v1/events', { body: eventBody({ date: '2025-04-02' }) });
    expect(res.status, res.text).toBe(201);
    expect(res.headers.get('location')).toBe(`/v1/events/${res.body.id}`);
    expect(res.body).toMatchObject({ status: 'published', version: 1, date: '2025-04-02', datePrecision: 'day' });
    expect(res.body.publishedAt).not.toBeNull();
    const listed = await anon('GET', `/v1/events/${res.body.id}`);
    expect(listed.status).toBe(200);
  });

  it('keeps year precision as given', async () => {
    const res = await ingest('POST', '/v1/events', { body: eventBody({ date: '2025' }) });
    expect(res.body).toMatchObject({ date: '2025', datePrecision: 'year' });
    expect(res.body.slug).toMatch(/^2025-test-event-/);
  });

  it('accepts a draft without sources', async () => {
    const res = await ingest('POST', '/v1/events', { body: eventBody({ status: 'draft', sources: undefined }) });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ status: 'draft', sources: [], publishedAt: null });
  });

  it('refuses a published event without sources', async () => {
    const res = await ingest('POST', '/v1/events', { body: eventBody({ sources: [] }) });
    expectProblem(res, 400);
    expect(paths(res.body)).toEqual(['sources']);
  });

  it('refuses an unknown actor code, naming actors[0].code', async () => {
    const res = await ingest('POST', '/v1/events', { body: eventBody({ actors: [{ code: 'XX', role: 'initiator' }] }) });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([{ path: 'actors[0].code', message: expect.stringContaining('XX') }]);
  });

  it('refuses shape errors field by field', async () => {
    const res = await ingest('POST', '/v1/events', {
      body: { title: '', kind: 'war', date: '2025/04/02', actors: [{ code: 'US', role: 'boss' }], sources: [{ url: 'x' }] },
    });
    expectProblem(res, 400);
    expect(paths(res.body)).toEqual(expect.arrayContaining(['title', 'kind', 'date', 'actors[0].role', 'sources[0].publisher']));
  });

  it('refuses a calendar-impossible date and an end before the start', async () => {
    const res = await ingest('POST', '/v1/events', { body: eventBody({ date: '2025-02-30' }) });
    expectProblem(res, 400);
    expect(paths(res.body)).toEqual(['date']);
    const ended = await ingest('POST', '/v1/events', { body: eventBody({ date: '2025-05-07', endDate: '2025-05-01' }) });
    expect(paths(ended.body)).toEqual(['endDate']);
  });

  it('resolves relations given by slug or id, both ways', async () => {
    const target = await createEvent(admin, { date: '2025-04-09' });
    const other = await createEvent(admin, { date: '2025-04-10' });
    const res = await ingest('POST', '/v1/events', {
      body: eventBody({
        date: '2025-04-11',
        relations: [
          { type: 'responds_to', to: target.slug },
          { type: 'escalates', to: other.id },
        ],
      }),
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.relations).toEqual([
      {
        id: expect.any(String),
        type: 'responds_to',
        status: 'confirmed',
        direction: 'outgoing',
        event: { id: target.id, slug: target.slug, title: target.title, date: '2025-04-09' },
      },
      expect.objectContaining({
        type: 'escalates',
        direction: 'outgoing',
        event: expect.objectContaining({ id: other.id, slug: other.slug }),
      }),
    ]);
    const back = await anon('GET', `/v1/events/${target.id}`);
    expect(back.body.relations).toEqual([
      expect.objectContaining({ type: 'responds_to', direction: 'incoming', event: expect.objectContaining({ id: res.body.id }) }),
    ]);
  });

  it('gives an event asking for a taken slug the first free of slug-2, slug-3, …, past the first twenty', async () => {
    const wanted = `shared-slug-${token()}`.toLowerCase();
    const slugs: string[] = [];
    for (let i = 0; i < 23; i++) {
      const res = await ingest('POST', '/v1/events', { body: eventBody({ slug: wanted }) });
      expect(res.status, res.text).toBe(201);
      slugs.push(res.body.slug as string);
    }
    expect(slugs).toEqual([wanted, ...Array.from({ length: 22 }, (_, i) => `${wanted}-${i + 2}`)]);
    // A freed slug is taken again first.
    const second = await admin('GET', `/v1/events/${wanted}-2`);
    await db.query('UPDATE events SET slug = $1 WHERE id = $2', [`${wanted}-moved`, second.body.id]);
    const again = await ingest('POST', '/v1/events', { body: eventBody({ slug: wanted }) });
    expect(again.body.slug).toBe(`${wanted}-2`);
  });

  it('refuses a relation to an unknown event', async () => {
    const res = await ingest('POST', '/v1/events', { body: eventBody({ relations: [{ type: 'follows', to: 'no-such-event' }] }) });
    expectProblem(res, 400);
    expect(paths(res.body)).toEqual(['relations[0].to']);
  });
});

describe('actors, tags and sources', () => {
  it('links them in the order given, reusing known tags and sources, and relinks them on an edit', async () => {
    const tag = `tariffs-${token()}`;
    const known = `https://example.org/known-${token()}`;
    // A source first cited by a draft that is then retracted: it exists, with a title, and may be cited again.
    const draft = await createEvent(admin, {
      status: 'draft',
      tags: [tag],
      sources: [{ url: known, publisher: 'Old', title: 'Kept title', publishedAt: '2025-05-01' }],
    });
    await db.query(`UPDATE events SET status = 'merged' WHERE id = $1`, [draft.id]);

    const fresh = `https://example.org/fresh-${token()}`;
    const res = await ingest('POST', '/v1/events', {
      body: eventBody({
        actors: [
          { code: 'US', role: 'initiator' },
          { code: 'CN', role: 'target' },
        ],
        tags: [tag, `new-${tag}`],
        sources: [
          { url: fresh, publisher: 'Fresh', quote: 'first' },
          { url: known, publisher: 'New publisher' },
        ],
      }),
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.actors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'US', role: 'initiator' }),
        expect.objectContaining({ code: 'CN', role: 'target' }),
      ]),
    );
    expect([...res.body.tags].sort()).toEqual([tag, `new-${tag}`].sort());
    expect(res.body.sources).toMatchObject([
      { url: fresh, publisher: 'Fresh', quote: 'first', title: null },
      { url: known, publisher: 'New publisher', title: 'Kept title', publishedAt: '2025-05-01T00:00:00.000Z', quote: null },
    ]);

    const edited = await editor('PATCH', `/v1/events/${res.body.id}`, {
      body: {
        actors: [{ code: 'CN', role: 'initiator' }],
        tags: [tag],
        sources: [
          { url: known, publisher: 'New publisher', quote: 'now first' },
          { url: fresh, publisher: 'Fresh' },
        ],
      },
      headers: { 'if-match': '"1"' },
    });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body.actors).toEqual([expect.objectContaining({ code: 'CN', role: 'initiator' })]);
    expect(edited.body.tags).toEqual([tag]);
    expect(edited.body.sources).toMatchObject([
      { url: known, quote: 'now first' },
      { url: fresh, quote: null },
    ]);
    // An edit that leaves them out leaves them be.
    const summary = await editor('PATCH', `/v1/events/${res.body.id}`, {
      body: { summary: 'Only the summary' },
      headers: { 'if-match': '"2"' },
    });
    expect(summary.status, summary.text).toBe(200);
    expect(summary.body).toMatchObject({ tags: [tag], sources: [{ url: known }, { url: fresh }] });
  });
});

describe('duplicates', () => {
  it('is 409 with the existing id for the same date and normalised title', async () => {
    const first = await createEvent(admin, { date: '2025-05-06', title: `Lifting of ${token()} restrictions` });
    const res = await ingest('POST', '/v1/events', { body: eventBody({ date: '2025-05-06', title: `  ${first.title.toUpperCase()}!! ` }) });
    expectProblem(res, 409);
    expect(res.body).toMatchObject({ existingId: first.id, existingSlug: first.slug });
  });

  it('allows the same title on another date', async () => {
    const first = await createEvent(admin, { date: '2025-05-06', title: `Statement ${token()}` });
    const res = await ingest('POST', '/v1/events', { body: eventBody({ date: '2025-05-07', title: first.title }) });
    expect(res.status, res.text).toBe(201);
    expect(res.body.slug).not.toBe(first.slug);
  });

  it('is 409 with the existing id for an already-cited source URL', async () => {
    const url = `https://www.scmp.com/${token()}`;
    const first = await createEvent(admin, { sources: [{ url, publisher: 'SCMP' }] });
    const res = await ingest('POST', '/v1/events', { body: eventBody({ sources: [{ url, publisher: 'South China Morning Post' }] }) });
    expectProblem(res, 409);
    expect(res.body.existingId).toBe(first.id);
  });

  it('answers concurrent identical creations with one 201 and 409s, never a 500', async () => {
    const body = eventBody({ date: '2025-05-09' });
    const results = await Promise.all(Array.from({ length: 6 }, () => ingest('POST', '/v1/events', { body })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
  });

  it('answers concurrent creations citing one source URL with one 201 and 409s', async () => {
    const sources = [{ url: `https://www.reuters.com/${token()}`, publisher: 'Reuters' }];
    const results = await Promise.all(Array.from({ length: 4 }, () => ingest('POST', '/v1/events', { body: eventBody({ sources }) })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
  });
});

describe('Idempotency-Key', () => {
  it('replays the first response for the same key and body', async () => {
    const key = `idem-${token()}`;
    const body = eventBody();
    const first = await ingest('POST', '/v1/events', { body, headers: { 'idempotency-key': key } });
    expect(first.status, first.text).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const second = await ingest('POST', '/v1/events', { body, headers: { 'idempotency-key': key } });
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(second.body).toEqual(first.body);
    const count = await db.query('SELECT count(*)::int AS n FROM events WHERE title = $1', [body.title]);
    expect(count.rows[0].n).toBe(1);
  });

  it('is 422 for the same key with another body', async () => {
    const key = `idem-${token()}`;
    expect((await ingest('POST', '/v1/events', { body: eventBody(), headers: { 'idempotency-key': key } })).status).toBe(201);
    const res = await ingest('POST', '/v1/events', { body: eventBody(), headers: { 'idempotency-key': key } });
    expectProblem(res, 422);
  });

  it('scopes keys per API key', async () => {
    const key = `idem-${token()}`;
    const a = await ingest('POST', '/v1/events', { body: eventBody(), headers: { 'idempotency-key': key } });
    const b = await editor('POST', '/v1/events', { body: eventBody(), headers: { 'idempotency-key': key } });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.id).not.toBe(a.body.id);
  });

  it('does not remember a failed request', async () => {
    const key = `idem-${token()}`;
    const bad = eventBody({ sources: [] });
    expect((await ingest('POST', '/v1/events', { body: bad, headers: { 'idempotency-key': key } })).status).toBe(400);
    const good = await ingest('POST', '/v1/events', { body: eventBody(), headers: { 'idempotency-key': key } });
    expect(good.status, good.text).toBe(201);
  });

  it('refuses an over-long key', async () => {
    const res = await ingest('POST', '/v1/events', { body: eventBody(), headers: { 'idempotency-key': 'k'.repeat(256) } });
    expectProblem(res, 400);
    expect(paths(res.body)).toEqual(['Idempotency-Key']);
  });
});

describe('POST /v1/events/bulk', () => {
  it('creates the good items of a JSON array and reports the bad one', async () => {
    const items = [eventBody(), eventBody({ kind: 'war' }), eventBody({ actors: [{ code: 'XX', role: 'target' }] }), eventBody()];
    const res = await ingest('POST', '/v1/events/bulk', { body: items });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ created: 2, failed: 2 });
    expect(res.body.data.map((d: { index: number; status: number }) => [d.index, d.status])).toEqual([
      [0, 201],
      [1, 422],
      [2, 422],
      [3, 201],
    ]);
    expect(res.body.data[1].error.errors).toContainEqual({ path: 'kind', message: expect.any(String) });
    expect(res.body.data[2].error.errors).toContainEqual({ path: 'actors[0].code', message: expect.any(String) });
    expect((await anon('GET', `/v1/events/${res.body.data[0].id}`)).status).toBe(200);
    expect((await anon('GET', `/v1/events/${res.body.data[3].slug}`)).status).toBe(200);
  });

  it('reports a duplicate within the batch as 409 with the existing id', async () => {
    const item = eventBody();
    const res = await ingest('POST', '/v1/events/bulk', {
      body: [item, { ...item, sources: [{ url: `https://example.org/${token()}`, publisher: 'X' }] }],
    });
    expect(res.body.data[0].status).toBe(201);
    expect(res.body.data[1]).toMatchObject({ status: 409, error: { existingId: res.body.data[0].id } });
  });

  it('reads NDJSON, a non-JSON line failing alone', async () => {
    const lines = [JSON.stringify(eventBody()), '{not json', '', JSON.stringify(eventBody({ date: '2024' })), '42'];
    const res = await ingest('POST', '/v1/events/bulk', { raw: lines.join('\n'), headers: { 'content-type': 'application/x-ndjson' } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ created: 2, failed: 2 });
    expect(res.body.data.map((d: { status: number }) => d.status)).toEqual([201, 422, 201, 422]);
    expect(res.body.data[1].error.code).toBe('validation');
  });

  it('refuses more than 1,000 items, an empty batch and a non-array', async () => {
    const tooMany = Array.from({ length: 1001 }, () => ({ title: 't', kind: 'other', date: '2025' }));
    const res = await ingest('POST', '/v1/events/bulk', { body: tooMany });
    expectProblem(res, 400);
    expect(res.body.errors[0].message).toContain('1000');
    expectProblem(await ingest('POST', '/v1/events/bulk', { body: [] }), 400);
    expectProblem(await ingest('POST', '/v1/events/bulk', { body: { events: [] } }), 400);
  });

  it('needs a key', async () => {
    expectProblem(await anon('POST', '/v1/events/bulk', { body: [eventBody()] }), 401);
  });
});

describe('PATCH /v1/events/{id}', () => {
  it('is 428 without If-Match', async () => {
    const event = await createEvent(admin);
    const res = await editor('PATCH', `/v1/events/${event.id}`, { body: { summary: 'x' } });
    expectProblem(res, 428);
  });

  it('is 412 with a stale If-Match, naming the current version', async () => {
    const event = await createEvent(admin);
    expect((await editor('PATCH', `/v1/events/${event.id}`, { body: { summary: 'one' }, headers: { 'if-match': '"1"' } })).status).toBe(
      200,
    );
    const res = await editor('PATCH', `/v1/events/${event.id}`, { body: { summary: 'two' }, headers: { 'if-match': '"1"' } });
    expectProblem(res, 412);
    expect(res.body.currentVersion).toBe(2);
  });

  it('applies the change with version + 1 and an ETag', async () => {
    const event = await createEvent(admin, { date: '2025-05' });
    const res = await editor('PATCH', `/v1/events/${event.slug}`, {
      body: { summary: 'Edited.', date: '2025-05-07', tags: ['talks'] },
      headers: { 'if-match': '"1"' },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      id: event.id,
      version: 2,
      summary: 'Edited.',
      date: '2025-05-07',
      datePrecision: 'day',
      tags: ['talks'],
    });
    expect(res.headers.get('etag')).toBe('"2"');
    expect((await anon('GET', `/v1/events/${event.id}`)).headers.get('etag')).toBe('"2"');
  });

  it('accepts W/"n" and bare n in If-Match, refuses garbage', async () => {
    const event = await createEvent(admin);
    expect((await editor('PATCH', `/v1/events/${event.id}`, { body: { summary: 'a' }, headers: { 'if-match': 'W/"1"' } })).status).toBe(
      200,
    );
    expect((await editor('PATCH', `/v1/events/${event.id}`, { body: { summary: 'b' }, headers: { 'if-match': '2' } })).status).toBe(200);
    const res = await editor('PATCH', `/v1/events/${event.id}`, { body: { summary: 'c' }, headers: { 'if-match': 'garbage' } });
    expectProblem(res, 400);
  });

  it('refuses unknown fields and status changes through PATCH', async () => {
    const event = await createEvent(admin);
    const res = await editor('PATCH', `/v1/events/${event.id}`, {
      body: { status: 'draft', colour: 'red' },
      headers: { 'if-match': '"1"' },
    });
    expectProblem(res, 400);
    expect(paths(res.body).sort()).toEqual(['colour', 'status']);
  });

  it('refuses removing every source of a published event, changing nothing', async () => {
    const event = await createEvent(admin);
    const res = await editor('PATCH', `/v1/events/${event.id}`, { body: { sources: [] }, headers: { 'if-match': '"1"' } });
    expectProblem(res, 400);
    const after = await anon('GET', `/v1/events/${event.id}`);
    expect(after.body.version).toBe(1);
    expect(after.body.sources).toHaveLength(1);
  });

  it('is 409 when the edit makes it a duplicate of another event', async () => {
    const first = await createEvent(admin, { date: '2025-03-30' });
    const second = await createEvent(admin, { date: '2025-03-30' });
    const res = await editor('PATCH', `/v1/events/${second.id}`, { body: { title: first.title }, headers: { 'if-match': '"1"' } });
    expectProblem(res, 409);
    expect(res.body.existingId).toBe(first.id);
  });

  it('is 404 for an unknown event', async () => {
    expectProblem(await editor('PATCH', '/v1/events/no-such-event', { body: { summary: 'x' }, headers: { 'if-match': '"1"' } }), 404);
  });
});

describe('publish and retract', () => {
  it('publishes a draft, which then appears in the public list', async () => {
    const tag = `pub-${token()}`;
    const draft = await createEvent(admin, { status: 'draft', tags: [tag] });
    expect((await anon('GET', `/v1/events?tag=${tag}`)).body.data).toEqual([]);
    const res = await editor('POST', `/v1/events/${draft.id}/publish`, { headers: { 'if-match': '"1"' } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'published', version: 2 });
    expect(res.body.publishedAt).not.toBeNull();
    expect((await anon('GET', `/v1/events?tag=${tag}`)).body.data.map((e: { id: string }) => e.id)).toEqual([draft.id]);
  });

  it('refuses to publish a draft without a source', async () => {
    const draft = await createEvent(admin, { status: 'draft', sources: [] });
    const res = await editor('POST', `/v1/events/${draft.id}/publish`);
    expectProblem(res, 400);
    expect(paths(res.body)).toEqual(['sources']);
  });

  it('is 412 for a stale If-Match on publish', async () => {
    const draft = await createEvent(admin, { status: 'draft' });
    expectProblem(await editor('POST', `/v1/events/${draft.id}/publish`, { headers: { 'if-match': '"7"' } }), 412);
  });

  it('retracts: the event leaves the list but its URL answers with status retracted', async () => {
    const tag = `ret-${token()}`;
    const event = await createEvent(admin, { tags: [tag] });
    const res = await editor('POST', `/v1/events/${event.id}/retract`, { body: { reason: 'Reported in error' } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'retracted', statusReason: 'Reported in error', version: 2 });
    expect((await anon('GET', `/v1/events?tag=${tag}`)).body.data).toEqual([]);
    const got = await anon('GET', `/v1/events/${event.id}`);
    expect(got.status).toBe(200);
    expect(got.body.status).toBe('retracted');
    expect((await editor('GET', `/v1/events?tag=${tag}&status=retracted`)).body.data).toHaveLength(1);
  });

  it('needs a reason to retract', async () => {
    const event = await createEvent(admin);
    const noBody = await editor('POST', `/v1/events/${event.id}/retract`);
    expectProblem(noBody, 400);
    const empty = await editor('POST', `/v1/events/${event.id}/retract`, { body: { reason: '' } });
    expectProblem(empty, 400);
    expect(paths(empty.body)).toEqual(['reason']);
  });

  it('needs an editor key', async () => {
    const event = await createEvent(admin);
    expectProblem(await ingest('POST', `/v1/events/${event.id}/retract`, { body: { reason: 'x' } }), 403);
    expectProblem(await anon('POST', `/v1/events/${event.id}/publish`), 401);
  });

  it('is 404 for an unknown event', async () => {
    expectProblem(await editor('POST', '/v1/events/0b6c7a8e-4f1d-4c9a-9d6e-2f3b4a5c6d7e/publish'), 404);
    expectProblem(await editor('POST', '/v1/events/nope/retract', { body: { reason: 'x' } }), 404);
  });
});

describe('revisions, audit and outbox', () => {
  it('records every write as a revision, an audit entry and an outbox row', async () => {
    const created = await ingest('POST', '/v1/events', {
      body: eventBody({ date: '2025-05-04' }),
      headers: { 'x-request-id': `req-${token()}` },
    });
    const id = created.body.id as string;
    await editor('PATCH', `/v1/events/${id}`, { body: { title: `Joint statement ${token()}` }, headers: { 'if-match': '"1"' } });
    await editor('POST', `/v1/events/${id}/retract`, { body: { reason: 'Wrong date' } });
    await editor('POST', `/v1/events/${id}/publish`);

    const revisions = await editor('GET', `/v1/events/${id}/revisions`);
    expect(revisions.status, revisions.text).toBe(200);
    expect(revisions.body.data.map((r: { version: number; action: string }) => [r.version, r.action])).toEqual([
      [4, 'published'],
      [3, 'retracted'],
      [2, 'updated'],
      [1, 'created'],
    ]);
    const [published, retracted, updated] = revisions.body.data;
    expect(updated.changes).toContain('title');
    expect(updated.changes).not.toContain('sources');
    expect(retracted.changes).toEqual(expect.arrayContaining(['status', 'statusReason']));
    expect(published.snapshot).toMatchObject({ id, status: 'published', version: 4 });
    expect(revisions.body.data[3].authorName).toMatch(/^ingest /);

    const audit = await admin('GET', '/v1/audit?limit=200');
    expect(audit.status).toBe(200);
    const mine = audit.body.data.filter((e: { targetId: string }) => e.targetId === id);
    expect(mine.map((e: { action: string }) => e.action)).toEqual(['event.published', 'event.retracted', 'event.updated', 'event.created']);
    expect(mine[3].requestId).toBe(created.headers.get('x-request-id'));

    const outbox = await db.query<{ type: string; event_version: number }>(
      'SELECT type, event_version FROM outbox_entries WHERE event_id = $1 ORDER BY id',
      [id],
    );
    expect(outbox.rows).toEqual([
      { type: 'event.published', event_version: 1 },
      { type: 'event.updated', event_version: 2 },
      { type: 'event.retracted', event_version: 3 },
      { type: 'event.published', event_version: 4 },
    ]);
  });

  it('an edit that changes nothing is no new version: no revision, no audit entry, no outbox row', async () => {
    const sources = [{ url: `https://example.org/same-${token()}`, publisher: 'Example' }];
    const event = await createEvent(admin, { tags: ['tariffs', 'asean'], sources });
    const ifMatch = { 'if-match': `"${event.version}"` };
    // The same values, the tags in another order (a set).
    const same = { title: event.title, summary: 'A test event.', tags: ['asean', 'tariffs'], sources };
    for (const body of [{}, same]) {
      const res = await editor('PATCH', `/v1/events/${event.id}`, { body, headers: ifMatch });
      expect(res.status, res.text).toBe(200);
      expect(res.body.version).toBe(event.version);
      expect(res.headers.get('etag')).toBe(`"${event.version}"`);
    }
    // The If-Match is still checked: a stale one is 412 even when nothing would change.
    const stale = await editor('PATCH', `/v1/events/${event.id}`, { body: {}, headers: { 'if-match': `"${event.version + 1}"` } });
    expect(stale.status, stale.text).toBe(412);
    const revisions = await db.query('SELECT version FROM event_revisions WHERE event_id = $1', [event.id]);
    expect(revisions.rows).toEqual([{ version: event.version }]);
    const audit = await db.query('SELECT action FROM audit_entries WHERE target_id = $1', [event.id]);
    expect(audit.rows).toEqual([{ action: 'event.created' }]);
    const outbox = await db.query('SELECT type FROM outbox_entries WHERE event_id = $1', [event.id]);
    expect(outbox.rows).toEqual([{ type: 'event.published' }]);

    // Relations written again as they were are the same relations (the rows are new, with new ids).
    const other = await createEvent(admin);
    const related = await editor('PATCH', `/v1/events/${event.id}`, {
      body: { relations: [{ type: 'responds_to', to: other.id }] },
      headers: ifMatch,
    });
    expect(related.status, related.text).toBe(200);
    const relatedIfMatch = { 'if-match': `"${related.body.version}"` };
    const sameRelations = await editor('PATCH', `/v1/events/${event.id}`, {
      body: { relations: [{ type: 'responds_to', to: other.slug }] },
      headers: relatedIfMatch,
    });
    expect(sameRelations.status, sameRelations.text).toBe(200);
    expect(sameRelations.body.version).toBe(related.body.version);
    expect(sameRelations.body.relations).toEqual(related.body.relations);

    const changed = await editor('PATCH', `/v1/events/${event.id}`, {
      body: { summary: 'A test event, edited.' },
      headers: relatedIfMatch,
    });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body.version).toBe(related.body.version + 1);
  });

  it('records a draft with a revision, an audit entry and an outbox row no subscription can ask for', async () => {
    const draft = await createEvent(admin, { status: 'draft' });
    const revisions = await editor('GET', `/v1/events/${draft.id}/revisions`);
    expect(revisions.body.data).toHaveLength(1);
    const audit = await db.query('SELECT action FROM audit_entries WHERE target_id = $1', [draft.id]);
    expect(audit.rows).toEqual([{ action: 'event.created' }]);
    const outbox = await db.query('SELECT type FROM outbox_entries WHERE event_id = $1', [draft.id]);
    expect(outbox.rows).toEqual([{ type: 'event.draft_changed' }]);
  });

  it('keeps no trace of a refused write', async () => {
    const event = await createEvent(admin);
    await editor('PATCH', `/v1/events/${event.id}`, { body: { sources: [] }, headers: { 'if-match': '"1"' } });
    const revisions = await db.query('SELECT count(*)::int AS n FROM event_revisions WHERE event_id = $1', [event.id]);
    const outbox = await db.query('SELECT count(*)::int AS n FROM outbox_entries WHERE event_id = $1', [event.id]);
    expect([revisions.rows[0].n, outbox.rows[0].n]).toEqual([1, 1]);
  });

  it('bumps the timeline version once per write, without waiting for another write still committing', async () => {
    const version = async () => BigInt((await db.query<{ v: string }>('SELECT sum(version)::text AS v FROM timeline_state')).rows[0].v);
    const before = await version();
    // Another write in flight: it has bumped the slot the last write took and not yet committed.
    const inFlight = new pg.Client({ connectionString: env.databaseUrl });
    await inFlight.connect();
    try {
      await inFlight.query('BEGIN');
      const held = await inFlight.query<{ id: number }>(
        'UPDATE timeline_state SET version = version + 1 WHERE id = (SELECT 1 + (last_value % 16)::int FROM timeline_state_slot) RETURNING id',
      );
      const heldSlot = held.rows[0].id;
      const created = await Promise.race([
        ingest('POST', '/v1/events', { body: eventBody() }),
        delay(5000).then(() => 'still waiting after 5 s' as const),
      ]);
      expect(typeof created === 'string' ? created : created.status).toBe(201);
      expect(await version()).toBe(before + 1n);
      // It bumped the next slot in turn.
      const slots = await db.query<{ id: number }>(
        'SELECT id FROM timeline_state WHERE id = (SELECT 1 + (last_value % 16)::int FROM timeline_state_slot)',
      );
      expect(slots.rows).toHaveLength(1);
      expect(slots.rows[0].id).not.toBe(heldSlot);
    } finally {
      await inFlight.query('COMMIT');
      await inFlight.end();
    }
    expect(await version()).toBe(before + 2n);
  });

  it('creates on a pg transaction that commits whole or not at all', async () => {
    const statements = api.app.get(PreparedStatements);
    const slug = `tx-probe-${token()}`;
    const insert = Prisma.sql`INSERT INTO tags (slug, name) VALUES (${slug}, 'probe') RETURNING slug`;
    const count = async () => Number((await db.query('SELECT count(*) FROM tags WHERE slug = $1', [slug])).rows[0].count);
    await expect(
      statements.transaction(async (sql) => {
        await sql.query(insert);
        throw new Error('fails after its first write');
      }),
    ).rejects.toThrow('fails after its first write');
    expect(await count()).toBe(0);
    // The connection went back clean: the next transaction on the pool commits.
    expect(await statements.transaction((sql) => sql.query<{ slug: string }>(insert))).toEqual([{ slug }]);
    expect(await count()).toBe(1);
  });

  it('survives a creation transaction whose connection is cut, and hands out a working connection next', async () => {
    const statements = api.app.get(PreparedStatements);
    await expect(
      statements.transaction(async (sql) => {
        const [{ pid }] = await sql.query<{ pid: number }>(Prisma.sql`SELECT pg_backend_pid() AS pid`);
        await db.query('SELECT pg_terminate_backend($1)', [pid]);
        await delay(100); // the cut reaches the idle connection first, as an 'error' event
        await sql.query(Prisma.sql`SELECT 1 AS one`);
      }),
    ).rejects.toThrow();
    expect(await statements.transaction((sql) => sql.query(Prisma.sql`SELECT 1 AS one`))).toEqual([{ one: 1 }]);
    const created = await ingest('POST', '/v1/events', { body: eventBody() });
    expect(created.status, created.text).toBe(201);
  });

  it('answers 201 with the date as given whatever the time zone of the api process', async () => {
    const zone = process.env.TZ;
    process.env.TZ = 'Asia/Tokyo'; // UTC+9: a date read as local midnight would be the day before in UTC
    try {
      const created = await ingest('POST', '/v1/events', { body: eventBody({ date: '2025-04-02' }) });
      expect(created.status, created.text).toBe(201);
      expect(created.body.date).toBe('2025-04-02');
      const read = await anon('GET', `/v1/events/${created.body.id}`);
      expect(read.body.date).toBe('2025-04-02');
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('reports a database it cannot reach for a transaction as unavailable (503), not as a crash', async () => {
    const unreachable = new PreparedStatements(loadConfig({ ...process.env, DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/none' }));
    try {
      await expect(unreachable.transaction((sql) => sql.query(Prisma.sql`SELECT 1`))).rejects.toBeInstanceOf(DatabaseUnavailableError);
    } finally {
      await unreachable.onApplicationShutdown();
    }
  });

  it('shows revisions to editors only', async () => {
    const event = await createEvent(admin);
    expectProblem(await anon('GET', `/v1/events/${event.id}/revisions`), 401);
    expectProblem(await ingest('GET', `/v1/events/${event.id}/revisions`), 403);
    expectProblem(await editor('GET', '/v1/events/no-such-event/revisions'), 404);
  });
});
