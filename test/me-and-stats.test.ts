import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestEnv, startApi, type RunningApi, type TestEnv } from './support/harness';

let env: TestEnv;
let api: RunningApi;
let admin: ReturnType<typeof client>;
let anonymous: ReturnType<typeof client>;

async function keyFor(role: string): Promise<{ id: string; key: string; name: string }> {
  const created = await admin('POST', '/v1/api-keys', { body: { name: `${role} of the me test`, role } });
  expect(created.status).toBe(201);
  return created.body;
}

beforeAll(async () => {
  env = await createTestEnv();
  api = await startApi();
  admin = client(api.url, env.adminKey);
  anonymous = client(api.url);
});

afterAll(async () => {
  await api?.close();
});

describe('GET /v1/me (what the admin UI builds its menu from)', () => {
  it('names the caller’s key and role, for every role', async () => {
    const me = await admin('GET', '/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ keyId: expect.any(String), name: expect.any(String), role: 'admin' });
    for (const role of ['editor', 'ingest', 'subscriber']) {
      const key = await keyFor(role);
      const answer = await anonymous('GET', '/v1/me', { key: key.key });
      expect(answer.status, role).toBe(200);
      expect(answer.body).toEqual({ keyId: key.id, name: key.name, role });
    }
  });

  it('is 401 problem+json without a key, with a wrong one, and with a revoked one', async () => {
    const key = await keyFor('editor');
    expect((await admin('DELETE', `/v1/api-keys/${key.id}`)).status).toBeLessThan(300);
    for (const auth of [null, 'not-a-key', key.key]) {
      const answer = await anonymous('GET', '/v1/me', { key: auth });
      expect(answer.status, String(auth)).toBe(401);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});

describe('GET /v1/stats (the dashboard)', () => {
  it('gives an editor events by status, deliveries of the last 24 h, subscriptions, queues and outbox lag', async () => {
    const editor = await keyFor('editor');
    const stats = await anonymous('GET', '/v1/stats', { key: editor.key });
    expect(stats.status).toBe(200);
    const published = await admin('GET', '/v1/events?limit=200');
    expect(stats.body.events).toEqual({
      draft: expect.any(Number),
      published: expect.any(Number),
      retracted: expect.any(Number),
      merged: 0,
    });
    expect(stats.body.events.published).toBe(published.body.data.length);
    expect(stats.body.deliveries24h).toMatchObject({ total: 0, byStatus: expect.any(Object), since: expect.any(String) });
    expect(stats.body.subscriptions).toMatchObject({ disabled: 0 });
    expect(stats.body.queues).toEqual(expect.any(Object));
    expect(stats.body.outbox).toEqual({ pending: expect.any(Number), oldestSeconds: expect.any(Number) });
  });

  it('counts a new draft, and refuses subscriber and ingest keys', async () => {
    const before = (await admin('GET', '/v1/stats')).body.events.draft;
    const draft = await admin('POST', '/v1/events', {
      body: { title: 'A draft the dashboard counts', kind: 'statement', date: '2025-05', status: 'draft' },
    });
    expect(draft.status).toBe(201);
    expect((await admin('GET', '/v1/stats')).body.events.draft).toBe(before + 1);
    for (const role of ['subscriber', 'ingest']) {
      const key = await keyFor(role);
      expect((await anonymous('GET', '/v1/stats', { key: key.key })).status, role).toBe(403);
    }
  });
});
