import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  createTestEnv,
  startApi,
  startWorker,
  waitFor,
  type RunningApi,
  type RunningWorker,
  type TestEnv,
} from './support/harness';
import { WebhookReceiver } from './support/receiver';

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A Redis of this test's own, on its own port: stopping it cannot disturb anything else. */
async function startRedis(port: number): Promise<ChildProcess> {
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  await waitFor(
    () =>
      new Promise<boolean>((resolve) => {
        const socket = connect(port, '127.0.0.1');
        socket.once('connect', () => {
          socket.end();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
      }),
    10_000,
  );
  return redis;
}

async function stop(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

const unique = () => Math.random().toString(36).slice(2, 10);

describe('a Redis outage while events are published', () => {
  let env: TestEnv;
  let api: RunningApi;
  let worker: RunningWorker;
  let redis: ChildProcess | undefined;
  let port: number;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    env = await createTestEnv({
      REDIS_URL: `redis://127.0.0.1:${port}`,
      WEBHOOK_RETRY_SCHEDULE: '0s,200ms,200ms,200ms',
      WEBHOOK_RETRY_JITTER: '0',
      OUTBOX_SWEEP_INTERVAL: '300ms',
      STUCK_DELIVERY_AFTER: '2s',
    });
    api = await startApi();
    worker = await startWorker();
    await receiver.start();
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await receiver.close();
    await stop(redis);
  });

  it('loses nothing: writes keep working, and every event is delivered once Redis is back', async () => {
    const admin = client(api.url, env.adminKey);
    const tag = `outage-${unique()}`;
    const sub = await admin('POST', '/v1/subscriptions', { body: { url: receiver.url, filter: { tags: [tag] } } });
    expect(sub.status).toBe(201);

    await stop(redis);
    const published: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await admin('POST', '/v1/events', {
        body: {
          title: `Published during the outage ${i} ${tag}`,
          kind: 'statement',
          date: '2025-05',
          tags: [tag],
          sources: [{ url: `https://example.org/${tag}/${i}`, publisher: 'Example' }],
        },
      });
      expect(res.status, res.text).toBe(201);
      published.push(res.body.id);
    }
    expect((await client(api.url)('GET', '/readyz')).status).toBe(503);

    redis = await startRedis(port);
    const hooks = await waitFor(() => {
      const mine = receiver.received.filter((h) => h.json?.data?.subscriptionId === sub.body.id);
      return new Set(mine.map((h) => h.json.data.event.id)).size === published.length ? mine : undefined;
    }, 45_000);
    for (const hook of hooks)
      expect(() => new Webhook(sub.body.secret).verify(hook.body, hook.headers as Record<string, string>)).not.toThrow();
    expect(new Set(hooks.map((h) => h.json.data.event.id))).toEqual(new Set(published));
  }, 90_000);
});

describe('worker processes that crash or run side by side', () => {
  let env: TestEnv;
  let api: RunningApi;
  const receiver = new WebhookReceiver();
  const children: ChildProcess[] = [];

  /** The compiled worker as a real process, so it can be SIGKILLed mid-batch. */
  function spawnWorker(): ChildProcess {
    const child = spawn(process.execPath, ['dist/apps/worker/apps/worker/src/main.js'], {
      env: { ...process.env, WORKER_HEALTH_PORT: '0', LOG_LEVEL: 'silent' },
      stdio: 'ignore',
    });
    children.push(child);
    return child;
  }

  beforeAll(async () => {
    env = await createTestEnv({
      WEBHOOK_RETRY_SCHEDULE: '0s,200ms,200ms,200ms,200ms',
      WEBHOOK_TIMEOUT_MS: '1000',
      WEBHOOK_RETRY_JITTER: '0',
      OUTBOX_SWEEP_INTERVAL: '300ms',
      STUCK_DELIVERY_AFTER: '2s',
    });
    await new Promise<void>((resolve, reject) => {
      const build = spawn('npx', ['nest', 'build', 'worker'], { stdio: 'ignore' });
      build.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`nest build worker exited ${code}`))));
    });
    api = await startApi();
    await receiver.start();
  }, 120_000);
  afterAll(async () => {
    for (const child of children) await stop(child, 'SIGKILL');
    await api?.close();
    await receiver.close();
  });

  async function publishMany(tag: string, count: number): Promise<string[]> {
    const admin = client(api.url, env.adminKey);
    const items = Array.from({ length: count }, (_, i) => ({
      title: `Batch event ${i} ${tag}`,
      kind: 'statement',
      date: '2025-05',
      tags: [tag],
      sources: [{ url: `https://example.org/${tag}/${i}`, publisher: 'Example' }],
    }));
    const res = await admin('POST', '/v1/events/bulk', { body: items });
    expect(res.body.created, res.text).toBe(count);
    return res.body.data.map((d: { id: string }) => d.id);
  }

  it('delivers every delivery at least once when the worker is killed mid-batch', async () => {
    const admin = client(api.url, env.adminKey);
    const tag = `crash-${unique()}`;
    const sub = await admin('POST', '/v1/subscriptions', { body: { url: receiver.url, filter: { tags: [tag] } } });
    receiver.responder = () => ({ status: 200, delayMs: 150 });
    const first = spawnWorker();
    const ids = await publishMany(tag, 30);
    const mine = () => receiver.received.filter((h) => h.json?.data?.subscriptionId === sub.body.id);
    await waitFor(() => (mine().length >= 3 ? true : undefined), 20_000);
    await stop(first, 'SIGKILL');
    const receivedBeforeCrash = new Set(mine().map((h) => h.json.data.event.id)).size;
    expect(receivedBeforeCrash).toBeLessThan(ids.length);
    spawnWorker();
    await waitFor(() => (new Set(mine().map((h) => h.json.data.event.id)).size === ids.length ? true : undefined), 60_000);
    const deliveries = await waitFor(async () => {
      const res = await admin('GET', `/v1/subscriptions/${sub.body.id}/deliveries?limit=200`);
      return res.body.data.every((d: { status: string }) => d.status === 'succeeded') ? res.body.data : undefined;
    }, 30_000);
    expect(deliveries).toHaveLength(ids.length);
    // At least once, never under another id: every webhook-id received is one of the deliveries.
    const deliveryIds = new Set(deliveries.map((d: { id: string }) => d.id));
    expect(mine().every((h) => deliveryIds.has(String(h.headers['webhook-id'])))).toBe(true);
    receiver.responder = () => ({ status: 204 });
  }, 120_000);

  it('two workers against one Redis send each delivery once', async () => {
    const admin = client(api.url, env.adminKey);
    const tag = `pair-${unique()}`;
    const sub = await admin('POST', '/v1/subscriptions', { body: { url: receiver.url, filter: { tags: [tag] } } });
    spawnWorker();
    const ids = await publishMany(tag, 50);
    const mine = () => receiver.received.filter((h) => h.json?.data?.subscriptionId === sub.body.id);
    await waitFor(() => (mine().length >= ids.length ? true : undefined), 60_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const webhookIds = mine().map((h) => String(h.headers['webhook-id']));
    expect(webhookIds).toHaveLength(ids.length);
    expect(new Set(webhookIds).size).toBe(ids.length);
  }, 120_000);
});
