import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestEnv, startApi, type RunningApi, type TestEnv } from './support/harness';
import { createKey, eventBody, expectProblem, type Client } from './support/factories';

let env: TestEnv;
let api: RunningApi;
let admin: Client;
let anon: Client;

beforeAll(async () => {
  env = await createTestEnv();
  api = await startApi();
  admin = client(api.url, env.adminKey);
  anon = client(api.url);
});
afterAll(async () => api?.close());

describe('API keys', () => {
  it('mints a key once: 201 {id, name, role, key}, stored hashed', async () => {
    const res = await admin('POST', '/v1/api-keys', { body: { name: 'newsroom ingest', role: 'ingest' } });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ id: expect.any(String), name: 'newsroom ingest', role: 'ingest', key: expect.stringMatching(/^tt_/) });
    expect(res.headers.get('location')).toBe(`/v1/api-keys/${res.body.id}`);
    const list = await admin('GET', '/v1/api-keys');
    expect(list.status).toBe(200);
    const listed = list.body.data.find((k: { id: string }) => k.id === res.body.id);
    expect(listed).toMatchObject({ name: 'newsroom ingest', role: 'ingest', revokedAt: null });
    expect(listed.key).toBeUndefined();
    expect(list.text).not.toContain(res.body.key);
    const one = await admin('GET', `/v1/api-keys/${res.body.id}`);
    expect(one.body.key).toBeUndefined();
    expect(one.text).not.toContain(res.body.key);
  });

  it('the new key works for what its role allows', async () => {
    const { key } = await createKey(admin, 'ingest');
    const res = await client(api.url, key)('POST', '/v1/events', { body: eventBody() });
    expect(res.status, res.text).toBe(201);
  });

  it('revoking a key makes it 401 from then on', async () => {
    const { id, key } = await createKey(admin, 'editor');
    const as = client(api.url, key);
    expect((await as('GET', '/v1/events?status=draft')).status).toBe(200);
    const del = await admin('DELETE', `/v1/api-keys/${id}`);
    expect(del.status).toBe(204);
    const after = await as('POST', '/v1/events', { body: eventBody() });
    expectProblem(after, 401);
    expectProblem(await as('GET', '/v1/events'), 401);
    expect((await admin('GET', `/v1/api-keys/${id}`)).body.revokedAt).not.toBeNull();
    const audit = await admin('GET', '/v1/audit');
    expect(audit.body.data.map((e: { action: string; targetId: string }) => `${e.action}:${e.targetId}`)).toContain(
      `api_key.revoked:${id}`,
    );
  });

  it('refuses a bad role or name, and unknown ids', async () => {
    const res = await admin('POST', '/v1/api-keys', { body: { name: '', role: 'root', scope: 'all' } });
    expectProblem(res, 400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['name', 'role', 'scope']);
    expectProblem(await admin('DELETE', '/v1/api-keys/0b6c7a8e-4f1d-4c9a-9d6e-2f3b4a5c6d7e'), 404);
    expectProblem(await admin('DELETE', '/v1/api-keys/not-a-uuid'), 400);
  });

  it('is admin only', async () => {
    const editor = client(api.url, (await createKey(admin, 'editor')).key);
    expectProblem(await editor('POST', '/v1/api-keys', { body: { name: 'x', role: 'admin' } }), 403);
    expectProblem(await editor('GET', '/v1/api-keys'), 403);
    expectProblem(await editor('GET', '/v1/audit'), 403);
    expectProblem(await anon('GET', '/v1/api-keys'), 401);
  });
});

describe('authentication and roles', () => {
  it('is 401 problem+json with WWW-Authenticate for a missing key on a write', async () => {
    const res = await anon('POST', '/v1/events', { body: eventBody() });
    expectProblem(res, 401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
  });

  it('is 401 for an unknown key, even on a public read', async () => {
    const unknown = client(api.url, 'tt_this-key-does-not-exist');
    const write = await unknown('POST', '/v1/events', { body: eventBody() });
    expectProblem(write, 401);
    expect(write.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expectProblem(await unknown('GET', '/v1/events'), 401);
  });

  it('is 401 for a malformed Authorization header', async () => {
    const res = await anon('POST', '/v1/events', { body: eventBody(), headers: { authorization: `Basic ${env.adminKey}` } });
    expectProblem(res, 401);
  });

  it('is 403 for an ingest key on PATCH and a subscriber key on POST', async () => {
    const created = await admin('POST', '/v1/events', { body: eventBody() });
    const ingest = client(api.url, (await createKey(admin, 'ingest')).key);
    const patch = await ingest('PATCH', `/v1/events/${created.body.id}`, { body: { summary: 'x' }, headers: { 'if-match': '"1"' } });
    expectProblem(patch, 403);
    expect(patch.body.detail).toContain('editor');
    const subscriber = client(api.url, (await createKey(admin, 'subscriber')).key);
    expectProblem(await subscriber('POST', '/v1/events', { body: eventBody() }), 403);
    expectProblem(await subscriber('POST', '/v1/events/bulk', { body: [eventBody()] }), 403);
  });

  it('lets the bootstrap admin key (ADMIN_API_KEY) do everything', async () => {
    const res = await admin('POST', '/v1/events', { body: eventBody() });
    expect(res.status).toBe(201);
    const patch = await admin('PATCH', `/v1/events/${res.body.id}`, { body: { summary: 'y' }, headers: { 'if-match': '"1"' } });
    expect(patch.status).toBe(200);
  });
});

describe('GET /v1/audit', () => {
  it('pages with the cursor it returns and refuses one it did not issue', async () => {
    for (let i = 0; i < 3; i++) await createKey(admin, 'ingest');
    const first = await admin('GET', '/v1/audit?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(2);
    const second = await admin('GET', `/v1/audit?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.status).toBe(200);
    expect(second.body.data[0].id).not.toBe(first.body.data[1].id);
    expect(BigInt(second.body.data[0].id)).toBeLessThan(BigInt(first.body.data[1].id));
    for (const cursor of ['-1', 'abc', '99999999999999999999999999']) {
      const res = await admin('GET', `/v1/audit?cursor=${cursor}`);
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([{ path: 'cursor', message: expect.any(String) }]);
    }
  });
});
