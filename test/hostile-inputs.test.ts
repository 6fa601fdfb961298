import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestEnv, startApi, type RunningApi, type TestEnv } from './support/harness';
import { createEvent, createKey, eventBody, expectProblem, type Client } from './support/factories';

let env: TestEnv;
let api: RunningApi;
let admin: Client;
let editor: Client;

beforeAll(async () => {
  env = await createTestEnv();
  api = await startApi();
  admin = client(api.url, env.adminKey);
  editor = client(api.url, (await createKey(admin, 'editor')).key);
});
afterAll(async () => api?.close());

const b64 = (value: string) => Buffer.from(value).toString('base64url');
const nested = (depth: number): unknown => JSON.parse('['.repeat(depth) + ']'.repeat(depth));
const UUID = '0b6c7a8e-4f1d-4c9a-9d6e-2f3b4a5c6d7e';

/** Query strings nobody should send: each must be answered with a 4xx (or a 2xx), never a 5xx. */
const HOSTILE_LIST_QUERIES = [
  'limit=99999999999999999999',
  'limit=-5',
  'limit=0x10',
  'limit=1&limit=2&limit=abc',
  'cursor=%00',
  'cursor=' + 'A'.repeat(10_000),
  `cursor=${b64('{"date":"2025-99-99","id":"' + UUID + '"}')}`,
  `cursor=${b64('{"date":"0000-01-01","id":"' + UUID + '"}')}`,
  `cursor=${b64('{"date":"2025-01-01","id":"' + UUID + '","rank":1e400}')}`,
  `cursor=${b64('[]')}`,
  "actor='; drop table events; --",
  'actor=%00',
  'actor=' + 'US,'.repeat(2000),
  'tag=%00',
  'tag[]=x',
  'kind=%00',
  'from=2025-99',
  'from=99999',
  'to=-2025',
  'from=2025&from=2024',
  'q=' + 'x'.repeat(10_000),
  'q=%00',
  "q=' OR 1=1 --",
  'q=!!!(((&&&|||',
  'q=%22unterminated',
  'q=-',
  'status=published,published,',
  'status=%00',
  'relatedTo=%00',
  `relatedTo=${UUID}`,
  "relatedTo=' OR 1=1",
  'actorsMode=%00',
  'asOf=yesterday',
  'asOf=%00',
  '%00=%00',
];

const HOSTILE_REFS = [
  'not-a-uuid',
  '%00',
  `${UUID}x`,
  '..%2F..%2Fetc%2Fpasswd',
  "'%20OR%201%3D1",
  'x'.repeat(5000),
  '%E2%80%AE',
  '%F0%9F%92%A5',
];

describe('hostile inputs never produce a 5xx', () => {
  it.each(HOSTILE_LIST_QUERIES)('GET /v1/events?%s', async (query) => {
    const res = await admin('GET', `/v1/events?${query}`);
    expect(res.status, res.text.slice(0, 500)).toBeLessThan(500);
    if (res.status >= 400) expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it.each(HOSTILE_REFS)('GET, PATCH, publish, retract and revisions of /v1/events/%s', async (ref) => {
    const responses = await Promise.all([
      admin('GET', `/v1/events/${ref}`),
      admin('PATCH', `/v1/events/${ref}`, { body: { summary: 'x' }, headers: { 'if-match': '"1"' } }),
      admin('POST', `/v1/events/${ref}/publish`),
      admin('POST', `/v1/events/${ref}/retract`, { body: { reason: 'x' } }),
      admin('GET', `/v1/events/${ref}/revisions`),
      admin('DELETE', `/v1/api-keys/${ref}`),
    ]);
    for (const res of responses) expect(res.status, res.text.slice(0, 500)).toBeLessThan(500);
  });

  it('publish of an unknown id is 404', async () => {
    const res = await admin('POST', `/v1/events/${UUID}/publish`);
    expect(res.status).toBe(404);
  });

  it.each(['garbage', '"-1"', '"99999999999999999999"', '*', '"1", "2"', '\u00e9'])('PATCH with If-Match: %s', async (ifMatch) => {
    const event = await createEvent(admin);
    const res = await editor('PATCH', `/v1/events/${event.id}`, { body: { summary: 'x' }, headers: { 'if-match': ifMatch } });
    expect(res.status, res.text).toBeGreaterThanOrEqual(400);
    expect(res.status, res.text).toBeLessThan(500);
  });

  const HOSTILE_BODIES: [string, unknown][] = [
    ['a NUL in the title', eventBody({ title: 'Liberation\u0000Day' })],
    ['a NUL in a tag', eventBody({ tags: ['tar\u0000iffs'] })],
    ['a NUL in an actor code', eventBody({ actors: [{ code: 'U\u0000S', role: 'initiator' }] })],
    ['a NUL in a source URL', eventBody({ sources: [{ url: 'https://example.org/\u0000', publisher: 'X' }] })],
    ['a NUL in a relation target', eventBody({ relations: [{ type: 'follows', to: '\u0000' }] })],
    ['a lone surrogate in the summary', eventBody({ summary: 'broken \ud800 text' })],
    ['a huge actor list', eventBody({ actors: Array.from({ length: 5000 }, () => ({ code: 'US', role: 'initiator' })) })],
    ['numbers for strings', { title: 1, kind: 2, date: 2025, actors: 'US', tags: 'x', sources: {} }],
    [
      'nested prototype keys',
      JSON.parse('{"title":"x","kind":"other","date":"2025","__proto__":{"admin":true},"constructor":{"prototype":{}}}'),
    ],
    ['a year-zero date', eventBody({ date: '0000' })],
    ['a far-future date', eventBody({ date: '9999-12-31', endDate: '9999-12-31' })],
    ['an ancient date', eventBody({ date: '0001-01-01' })],
    [
      'a source date that does not exist',
      eventBody({ sources: [{ url: 'https://example.org/d', publisher: 'X', publishedAt: '2025-02-30' }] }),
    ],
    ['a relation to itself by slug-looking uuid', eventBody({ relations: [{ type: 'follows', to: UUID }] })],
    ['an array of nulls', [null, null]],
  ];

  it.each(HOSTILE_BODIES)('POST /v1/events with %s', async (_name, body) => {
    const res = await admin('POST', '/v1/events', { body });
    expect(res.status, res.text.slice(0, 500)).toBeLessThan(500);
  });

  it.each(HOSTILE_BODIES)('POST /v1/events/bulk with %s', async (_name, body) => {
    const res = await admin('POST', '/v1/events/bulk', { body: [body] });
    expect(res.status, res.text.slice(0, 500)).toBeLessThan(500);
  });

  it.each(HOSTILE_BODIES)('PATCH /v1/events/{id} with %s', async (_name, body) => {
    const event = await createEvent(admin);
    const patch = typeof body === 'object' && body && !Array.isArray(body) ? { ...(body as Record<string, unknown>) } : body;
    const res = await admin('PATCH', `/v1/events/${event.id}`, { body: patch, headers: { 'if-match': '"1"' } });
    expect(res.status, res.text.slice(0, 500)).toBeLessThan(500);
  });

  it('NDJSON with binary garbage and NULs', async () => {
    const raw = ['\u0000\u0001\u0002', '{"title":"\\u0000"}', '[]', 'null', '{"a":'.repeat(1000)].join('\n');
    const res = await admin('POST', '/v1/events/bulk', { raw, headers: { 'content-type': 'application/x-ndjson' } });
    expect(res.status, res.text.slice(0, 500)).toBeLessThan(500);
  });

  it('odd headers', async () => {
    const responses = await Promise.all([
      admin('POST', '/v1/events', { body: eventBody(), headers: { 'idempotency-key': '\u00e9\u00e9' } }),
      admin('POST', '/v1/events', { body: eventBody(), headers: { 'content-type': 'application/json; charset=latin1' } }),
      admin('POST', '/v1/events', { raw: JSON.stringify(eventBody()), headers: { 'content-type': 'text/plain' } }),
      admin('GET', '/v1/events', { headers: { authorization: 'Bearer' } }),
      admin('GET', '/v1/events', { headers: { authorization: `Bearer ${'x'.repeat(10_000)}` } }),
      admin('GET', '/v1/audit?cursor=99999999999999999999999999'),
      admin('GET', '/v1/audit?cursor=-1'),
      admin('GET', '/v1/audit?limit=0'),
    ]);
    for (const res of responses) expect(res.status, res.text.slice(0, 500)).toBeLessThan(500);
  });

  it('refuses unstorable text with 400 naming where it is', async () => {
    const title = await admin('POST', '/v1/events', { body: eventBody({ title: 'Liberation\u0000Day' }) });
    expectProblem(title, 400);
    expect(title.body.errors).toEqual([{ path: 'title', message: expect.any(String) }]);
    const source = await admin('POST', '/v1/events', {
      body: eventBody({ sources: [{ url: 'https://example.org/\ud800', publisher: 'X' }] }),
    });
    expect(source.body.errors).toEqual([{ path: 'sources[0].url', message: expect.any(String) }]);
    const query = await admin('GET', '/v1/events?q=%00');
    expectProblem(query, 400);
    expect(query.body.errors).toEqual([{ path: 'q', message: expect.any(String) }]);
    expectProblem(await admin('GET', '/v1/events/%00'), 400);
  });

  // Sent as text: JSON.stringify itself overflows at this depth.
  const DEEP = '['.repeat(5000) + ']'.repeat(5000);
  const DEEP_BODIES: [string, string][] = [
    ['arrays nested 5,000 deep', DEEP],
    ['a field nested 5,000 deep', JSON.stringify(eventBody({ title: '@' })).replace('"@"', DEEP)],
    [
      'a source nested 5,000 deep',
      JSON.stringify(eventBody({ sources: [{ url: 'https://example.org/n', publisher: '@' }] })).replace('"@"', DEEP),
    ],
  ];

  it.each(DEEP_BODIES)('POST /v1/events, its bulk and PATCH with %s', async (_name, raw) => {
    const event = await createEvent(admin);
    const json = { 'content-type': 'application/json' };
    const created = await admin('POST', '/v1/events', { raw, headers: json });
    expectProblem(created, 400);
    const bulk = await admin('POST', '/v1/events/bulk', { raw: `[${raw}]`, headers: json });
    expect(bulk.status, bulk.text.slice(0, 500)).toBeLessThan(500);
    const patched = await admin('PATCH', `/v1/events/${event.id}`, { raw, headers: { ...json, 'if-match': `"${event.version}"` } });
    expectProblem(patched, 400);
  });

  it('refuses a body nested too deeply with 400 naming where it is', async () => {
    const res = await admin('POST', '/v1/events', { body: eventBody({ title: nested(100) }) });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([{ path: '$', message: 'is nested more than 32 levels deep' }]);
    const bulk = await admin('POST', '/v1/events/bulk', { body: [eventBody(), eventBody({ tags: nested(100) })] });
    expect(bulk.status, bulk.text).toBe(200);
    expect(bulk.body.data.map((d: { status: number }) => d.status)).toEqual([201, 422]);
  });

  it('fails only the bulk item holding unstorable text', async () => {
    const res = await admin('POST', '/v1/events/bulk', { body: [eventBody(), eventBody({ tags: ['a\u0000'] })] });
    expect(res.status, res.text).toBe(200);
    expect(res.body.data.map((d: { status: number }) => d.status)).toEqual([201, 422]);
    expect(res.body.data[1].error.errors).toEqual([{ path: 'tags[0]', message: expect.any(String) }]);
  });

  it.each(['title', 'summary', 'kind', 'date', 'slug', 'actors', 'tags', 'sources', 'relations'])(
    'PATCH /v1/events/{id} with %s: null is 400 naming the field',
    async (field) => {
      const event = await createEvent(admin);
      const res = await editor('PATCH', `/v1/events/${event.id}`, {
        body: { [field]: null },
        headers: { 'if-match': `"${event.version}"` },
      });
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([{ path: field, message: 'must not be null' }]);
    },
  );

  it('PATCH /v1/events/{id} with endDate: null clears the end date', async () => {
    const event = await createEvent(admin, { date: '2025-04-02', endDate: '2025-04-09' });
    const res = await editor('PATCH', `/v1/events/${event.id}`, { body: { endDate: null }, headers: { 'if-match': `"${event.version}"` } });
    expect(res.status, res.text).toBe(200);
    expect(res.body.endDate).toBeNull();
  });

  it('PATCH /v1/subscriptions/{id} refuses null but for the description, which it clears', async () => {
    const created = await admin('POST', '/v1/subscriptions', {
      body: { url: 'http://127.0.0.1:9/hook', description: 'desk', filter: {} },
    });
    expect(created.status, created.text).toBe(201);
    for (const field of ['url', 'types', 'filter', 'status']) {
      const res = await admin('PATCH', `/v1/subscriptions/${created.body.id}`, { body: { [field]: null } });
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([{ path: field, message: 'must not be null' }]);
    }
    const cleared = await admin('PATCH', `/v1/subscriptions/${created.body.id}`, { body: { description: null } });
    expect(cleared.status, cleared.text).toBe(200);
    expect(cleared.body.description).toBeNull();
  });

  it('a subscription deleted while other requests act on it: 404 or 409 for them, never a 5xx', async () => {
    for (let round = 0; round < 5; round++) {
      const created = await admin('POST', '/v1/subscriptions', { body: { url: `http://127.0.0.1:9/race-${round}`, filter: {} } });
      expect(created.status, created.text).toBe(201);
      const path = `/v1/subscriptions/${created.body.id}`;
      const responses = await Promise.all([
        admin('DELETE', path),
        admin('POST', `${path}/rotate-secret`),
        admin('POST', `${path}/enable`),
        admin('POST', `${path}/test`),
        admin('PATCH', path, { body: { status: 'paused' } }),
        admin('POST', `${path}/replay`, { body: { since: '2020-01-01T00:00:00Z' } }),
      ]);
      expect(responses[0].status).toBe(204);
      for (const res of responses) expect(res.status, res.text.slice(0, 300)).toBeLessThan(500);
    }
  });

  it('an empty body with a JSON content type is no body: routes that take none proceed, the others answer 400', async () => {
    const json = { 'content-type': 'application/json' };
    const created = await admin('POST', '/v1/subscriptions', { body: { url: 'http://127.0.0.1:9/empty-body', filter: {} } });
    expect(created.status, created.text).toBe(201);
    const path = `/v1/subscriptions/${created.body.id}`;
    const rotated = await admin('POST', `${path}/rotate-secret`, { raw: '', headers: json });
    expect(rotated.status, rotated.text).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    const enabled = await admin('POST', `${path}/enable`, { raw: '', headers: json });
    expect(enabled.status, enabled.text).toBe(200);
    const event = await createEvent(admin);
    const emptyEvent = await admin('POST', '/v1/events', { raw: '', headers: json });
    expectProblem(emptyEvent, 400);
    expect(emptyEvent.body.type).not.toMatch(/malformed_json/);
    // A PATCH with no body is an empty patch, as `{}` is.
    const ifMatch = { 'if-match': `"${event.version}"` };
    const emptyPatch = await admin('PATCH', `/v1/events/${event.id}`, { raw: '', headers: { ...json, ...ifMatch } });
    const objectPatch = await admin('PATCH', `/v1/events/${event.id}`, { body: {}, headers: ifMatch });
    expect([emptyPatch.status, emptyPatch.body.version]).toEqual([objectPatch.status, objectPatch.body.version]);
    // Whitespace is not empty: it is still malformed JSON.
    expect((await admin('POST', '/v1/events', { raw: ' ', headers: json })).body.type).toMatch(/malformed_json/);
    const deleted = await admin('DELETE', path, { raw: '', headers: json });
    expect(deleted.status, deleted.text).toBe(204);

    // Every operation of the OpenAPI document, sent an empty JSON body: never a 5xx.
    const spec = (await admin('GET', '/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(spec.paths).flatMap(([route, methods]) =>
      Object.keys(methods)
        .filter((method) => ['post', 'put', 'patch', 'delete'].includes(method))
        .map((method) => [method.toUpperCase(), route.replace(/\{[^}]+\}/g, event.id)] as const),
    );
    expect(operations.length).toBeGreaterThan(15);
    for (const [method, route] of operations) {
      const res = await admin(method, route, { raw: '', headers: json });
      expect(res.status, `${method} ${route}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
    }
  });

  it.each(['garbage', b64('{"x":1}'), `${UUID}x`, '%00'])('GET /v1/subscriptions?cursor=%s is 400', async (cursor) => {
    const res = await admin('GET', `/v1/subscriptions?cursor=${cursor}`);
    expectProblem(res, 400);
  });

  it('GET /v1/subscriptions pages by its cursor', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await admin('POST', '/v1/subscriptions', { body: { url: `http://127.0.0.1:9/page-${i}`, filter: {} } });
      expect(res.status, res.text).toBe(201);
    }
    const first = await admin('GET', '/v1/subscriptions?limit=2');
    expect(first.status, first.text).toBe(200);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await admin('GET', `/v1/subscriptions?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.status, second.text).toBe(200);
    const ids = [...first.body.data, ...second.body.data].map((s: { id: string }) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(second.body.data.length).toBeGreaterThan(0);
  });
});
