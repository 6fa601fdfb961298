import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestEnv, startApi, type RunningApi } from './support/harness';

const BUDGET = 5;
const started: RunningApi[] = [];

beforeAll(async () => {
  await createTestEnv({ RATE_LIMIT_PER_MINUTE: String(BUDGET) });
});
afterAll(async () => {
  for (const api of started) await api.close();
});

async function apiWith(trustProxy: string): Promise<RunningApi> {
  process.env.TRUST_PROXY = trustProxy;
  const api = await startApi();
  started.push(api);
  return api;
}

describe('rate limiting (RATE_LIMIT_PER_MINUTE per client address)', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await apiWith('loopback');
  });

  it('counts down in headers, then answers 429 problem+json with Retry-After', async () => {
    const anonymous = client(api.url);
    for (let i = 1; i <= BUDGET; i++) {
      const res = await anonymous('GET', '/v1/events?limit=1');
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ratelimit-limit')).toBe(String(BUDGET));
      expect(res.headers.get('x-ratelimit-remaining')).toBe(String(BUDGET - i));
    }
    const refused = await anonymous('GET', '/v1/events?limit=1');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body).toMatchObject({
      type: 'urn:trade-timeline:problem:rate_limited',
      status: 429,
      title: 'Too Many Requests',
      instance: '/v1/events',
      requestId: expect.any(String),
    });

    // A key does not buy a way around it: the budget is the address's.
    expect((await client(api.url, 'not-a-real-key')('GET', '/feed.json')).status).toBe(429);
  });

  it('never limits probes and scrapes', async () => {
    const anonymous = client(api.url);
    for (const path of ['/healthz', '/readyz', '/metrics']) expect((await anonymous('GET', path)).status).toBe(200);
  });

  it('gives each client behind a trusted local proxy its own budget (X-Forwarded-For)', async () => {
    const viaProxy = client(api.url);
    const res = await viaProxy('GET', '/v1/events?limit=1', { headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ratelimit-remaining')).toBe(String(BUDGET - 1));
  });
});

describe('with TRUST_PROXY=false', () => {
  it('ignores X-Forwarded-For, so a client cannot pick a fresh address for each request', async () => {
    const api = await apiWith('false');
    const anonymous = client(api.url);
    for (let i = 0; i < BUDGET; i++) expect((await anonymous('GET', '/feed.json?limit=1')).status).toBe(200);
    const spoofed = await anonymous('GET', '/feed.json?limit=1', { headers: { 'x-forwarded-for': '198.51.100.9' } });
    expect(spoofed.status).toBe(429);
  });
});
