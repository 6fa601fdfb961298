import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, waitFor, type RunningStack } from './support/harness';

let stack: RunningStack;
let env: RunningStack['env'];
let admin: RunningStack['admin'];
let receiver: RunningStack['receiver'];

beforeAll(async () => {
  stack = await startStack({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false', WEBHOOK_RETRY_SCHEDULE: '0s,100ms', WEBHOOK_RETRY_JITTER: '0' });
  ({ env, admin, receiver } = stack);
});
afterAll(async () => {
  await stack?.close();
});

describe('subscription URLs when private networks are not allowed', () => {
  it.each([
    ['loopback', 'http://127.0.0.1:8080/hook'],
    ['a private 10.x address', 'http://10.0.0.5/hook'],
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data'],
    ['IPv6 loopback', 'http://[::1]:8080/hook'],
    ['a hostname resolving to 127.0.0.1', 'http://localhost:8080/hook'],
    ['CGNAT', 'http://100.64.1.1/hook'],
  ])('refuses %s with a 400 problem', async (_label, url) => {
    const res = await admin('POST', '/v1/subscriptions', { body: { url, filter: {} } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.type).toContain('unsafe_url');
  });

  it('refuses credentials in the URL and non-http schemes', async () => {
    for (const url of ['https://user:secret@example.org/hook', 'ftp://example.org/hook', 'javascript:alert(1)']) {
      const res = await admin('POST', '/v1/subscriptions', { body: { url, filter: {} } });
      expect(res.status, url).toBe(400);
    }
  });

  it('refuses a private URL on update too', async () => {
    const created = await admin('POST', '/v1/subscriptions', { body: { url: 'https://93.184.215.14/hook', filter: {} } });
    expect(created.status, created.text).toBe(201);
    const res = await admin('PATCH', `/v1/subscriptions/${created.body.id}`, { body: { url: 'http://192.168.0.10/hook' } });
    expect(res.status).toBe(400);
  });
});

describe('at delivery time', () => {
  it('refuses to connect when the URL now points at a private address (DNS can change)', async () => {
    const tag = `ssrf-${Date.now()}`;
    const created = await admin('POST', '/v1/subscriptions', { body: { url: 'https://93.184.215.14/hook', filter: { tags: [tag] } } });
    expect(created.status).toBe(201);
    // What a DNS change would do: the host the subscription names now leads to this machine.
    const db = new pg.Client({ connectionString: env.databaseUrl });
    await db.connect();
    await db.query('UPDATE subscriptions SET url = $1 WHERE id = $2', [receiver.url, created.body.id]);
    await db.end();
    await admin('POST', '/v1/events', {
      body: {
        title: `SSRF probe ${tag}`,
        kind: 'other',
        date: '2025-06',
        tags: [tag],
        sources: [{ url: `https://example.org/${tag}`, publisher: 'Example' }],
      },
    });
    const delivery = await waitFor(async () => {
      const res = await admin('GET', `/v1/subscriptions/${created.body.id}/deliveries`);
      return res.body.data[0]?.status === 'failed' ? res.body.data[0] : undefined;
    });
    expect(delivery.attempts[0].error).toMatch(/non-public|loopback/);
    expect(receiver.received).toHaveLength(0);
  });
});
