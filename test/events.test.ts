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

const newEvent = (over: Record<string, unknown> = {}) => ({
  title: `Test event ${Math.random().toString(36).slice(2)}`,
  summary: 'A test event.',
  kind: 'statement',
  date: '2025-06',
  actors: [{ code: 'CN', role: 'initiator' }],
  tags: ['tariffs'],
  sources: [{ url: `https://example.org/${Math.random().toString(36).slice(2)}`, publisher: 'Example' }],
  ...over,
});

describe('seeded timeline', () => {
  it('serves Liberation Day with its day precision', async () => {
    const res = await anon('GET', '/v1/events?limit=200');
    expect(res.status, res.text).toBe(200);
    const liberation = res.body.data.find((e: { date: string }) => e.date === '2025-04-02');
    expect(liberation).toBeDefined();
    expect(liberation.datePrecision).toBe('day');
  });
});

describe('POST /v1/events', () => {
  it('creates a published event with Location and month precision', async () => {
    const res = await admin('POST', '/v1/events', { body: newEvent() });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/v1/events/${res.body.id}`);
    expect(res.body).toMatchObject({ date: '2025-06', datePrecision: 'month', status: 'published', version: 1 });
    const got = await anon('GET', `/v1/events/${res.body.slug}`);
    expect(got.body.id).toBe(res.body.id);
  });
});
