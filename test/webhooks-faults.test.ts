import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_OF } from '../libs/queue/src/job-catalogue';
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
import { WebhookReceiver, type ReceivedWebhook } from './support/receiver';

/**
 * Faults on the path from write to delivery: Redis dying (and coming back empty) while events are
 * published, a worker SIGKILLed mid-batch, two workers side by side. Everything runs for real: Postgres,
 * a Redis of this file's own (for the outage), the compiled worker as child processes, an HTTP receiver.
 */

// Every child this file starts, so that none outlives it, whatever happens.
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

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

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** A Redis of this test's own, on its own port, with no persistence: stopping it disturbs nothing else. */
async function startRedis(port: number): Promise<ChildProcess> {
  const redis = track(
    spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
      stdio: 'ignore',
    }),
  );
  await waitFor(() => listening(port), 10_000);
  return redis;
}

async function stop(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

const unique = () => Math.random().toString(36).slice(2, 10);

function eventBody(tag: string, i: number) {
  return {
    title: `Fault test event ${i} ${tag}`,
    kind: 'statement',
    date: '2025-05',
    tags: [tag],
    sources: [{ url: `https://example.org/${tag}/${i}`, publisher: 'Example' }],
  };
}

interface DeliveryRow {
  id: string;
  status: string;
  attempt_count: number;
  sequence: number;
}

/** The subscription's deliveries straight from Postgres (no paging in the way). */
async function deliveriesOf(databaseUrl: string, subscriptionId: string): Promise<DeliveryRow[]> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<DeliveryRow>(
      'SELECT id::text, status::text, attempt_count, sequence FROM deliveries WHERE subscription_id = $1 ORDER BY sequence',
      [subscriptionId],
    );
    return rows;
  } finally {
    await db.end();
  }
}

/** Waits until the subscription has `count` deliveries and every one of them has succeeded. */
function allSucceeded(env: TestEnv, subscriptionId: string, count: number, timeoutMs = 30_000): Promise<DeliveryRow[]> {
  return waitFor(async () => {
    const rows = await deliveriesOf(env.databaseUrl, subscriptionId);
    return rows.length === count && rows.every((d) => d.status === 'succeeded') ? rows : undefined;
  }, timeoutMs);
}

const byWebhookId = (hooks: ReceivedWebhook[]) => {
  const groups = new Map<string, ReceivedWebhook[]>();
  for (const hook of hooks) {
    const id = String(hook.headers['webhook-id']);
    groups.set(id, [...(groups.get(id) ?? []), hook]);
  }
  return groups;
};

describe('a Redis outage while events are published', () => {
  let env: TestEnv;
  let api: RunningApi | undefined;
  let worker: RunningWorker | undefined;
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
      WEBHOOK_TIMEOUT_MS: '2000',
      OUTBOX_SWEEP_INTERVAL: '300ms',
      STUCK_DELIVERY_AFTER: '1s',
    });
    api = await startApi();
    worker = await startWorker();
    await receiver.start();
  });
  afterAll(async () => {
    await worker?.close().catch(() => undefined);
    await api?.close().catch(() => undefined);
    await receiver.close();
    await stop(redis, 'SIGKILL');
  });

  it('loses nothing: writes keep working, and every event is delivered once Redis is back (empty)', async () => {
    const admin = client(api!.url, env.adminKey);
    const tag = `outage-${unique()}`;
    const sub = await admin('POST', '/v1/subscriptions', { body: { url: receiver.url, filter: { tags: [tag] } } });
    expect(sub.status).toBe(201);
    const mine = () => receiver.received.filter((h) => h.json?.data?.subscriptionId === sub.body.id);

    // Before: a slow receiver, so jobs are queued or in flight in Redis when it dies.
    receiver.responder = () => ({ status: 204, delayMs: 400 });
    const published: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await admin('POST', '/v1/events', { body: eventBody(tag, i) });
      expect(res.status, res.text).toBe(201);
      published.push(res.body.id);
    }
    await waitFor(() => mine().length >= 1, 15_000);

    // The outage: Redis crashes; the api still takes writes, because the outbox is in Postgres.
    await stop(redis, 'SIGKILL');
    expect(await listening(port)).toBe(false);
    for (let i = 3; i < 8; i++) {
      const res = await admin('POST', '/v1/events', { body: eventBody(tag, i) });
      expect(res.status, res.text).toBe(201);
      published.push(res.body.id);
    }
    expect((await client(api!.url)('GET', '/readyz')).status).toBe(503);

    // Redis returns on the same port with nothing in it: queued jobs are gone, Postgres still knows.
    receiver.responder = () => ({ status: 204 });
    redis = await startRedis(port);
    const deliveries = await allSucceeded(env, sub.body.id, published.length);

    const hooks = mine();
    expect(new Set(hooks.map((h) => h.json.data.event.id))).toEqual(new Set(published));
    expect(new Set(byWebhookId(hooks).keys())).toEqual(new Set(deliveries.map((d) => d.id)));
    const verifier = new Webhook(sub.body.secret);
    for (const hook of hooks) expect(() => verifier.verify(hook.body, hook.headers as Record<string, string>)).not.toThrow();
  }, 90_000);
});

describe('worker processes that crash or run side by side', () => {
  let env: TestEnv;
  let api: RunningApi | undefined;
  const receiver = new WebhookReceiver();

  /** The compiled worker as a real process, so that it can be SIGKILLed mid-batch. */
  async function spawnWorker(overrides: Record<string, string> = {}): Promise<{ child: ChildProcess; healthUrl: string }> {
    const healthPort = await freePort();
    const child = track(
      spawn(process.execPath, ['dist/apps/worker/apps/worker/src/main.js'], {
        env: {
          ...process.env,
          DATABASE_URL: env.databaseUrl,
          REDIS_URL: env.redisUrl,
          QUEUE_PREFIX: env.queuePrefix,
          WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
          WORKER_HEALTH_PORT: String(healthPort),
          LOG_LEVEL: 'silent',
          ...overrides,
        },
        stdio: 'ignore',
      }),
    );
    const healthUrl = `http://127.0.0.1:${healthPort}`;
    await waitFor(async () => (await fetch(`${healthUrl}/healthz`).catch(() => undefined))?.ok, 20_000, 100);
    return { child, healthUrl };
  }

  async function publishMany(tag: string, count: number): Promise<string[]> {
    const admin = client(api!.url, env.adminKey);
    const res = await admin('POST', '/v1/events/bulk', { body: Array.from({ length: count }, (_, i) => eventBody(tag, i)) });
    expect(res.body.created, res.text).toBe(count);
    return res.body.data.map((d: { id: string }) => d.id);
  }

  beforeAll(async () => {
    env = await createTestEnv({
      WEBHOOK_RETRY_SCHEDULE: '0s,200ms,200ms,200ms,200ms',
      WEBHOOK_TIMEOUT_MS: '1000',
      WEBHOOK_RETRY_JITTER: '0',
      OUTBOX_SWEEP_INTERVAL: '300ms',
      STUCK_DELIVERY_AFTER: '1s',
    });
    await new Promise<void>((resolve, reject) => {
      const build = track(spawn('npx', ['nest', 'build', 'worker'], { stdio: 'ignore' }));
      build.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`nest build worker exited ${code}`))));
    });
    api = await startApi();
    await receiver.start();
  }, 120_000);
  afterAll(async () => {
    for (const child of [...children]) await stop(child, 'SIGKILL');
    await api?.close().catch(() => undefined);
    await receiver.close();
  });

  it('delivers every delivery at least once when the worker is killed mid-batch', async () => {
    const admin = client(api!.url, env.adminKey);
    const tag = `crash-${unique()}`;
    const sub = await admin('POST', '/v1/subscriptions', { body: { url: receiver.url, filter: { tags: [tag] } } });
    const mine = () => receiver.received.filter((h) => h.json?.data?.subscriptionId === sub.body.id);
    // Slow answers and few sends at a time: the batch takes seconds, so the kill lands in the middle of it.
    receiver.responder = () => ({ status: 200, delayMs: 300 });
    const first = await spawnWorker({ WEBHOOK_CONCURRENCY: '5' });
    const ids = await publishMany(tag, 30);
    await waitFor(() => mine().length >= 5, 20_000);
    await stop(first.child, 'SIGKILL');

    const atCrash = await deliveriesOf(env.databaseUrl, sub.body.id);
    expect(atCrash.filter((d) => d.status === 'succeeded').length).toBeLessThan(ids.length);

    receiver.responder = () => ({ status: 200, delayMs: 20 });
    const second = await spawnWorker();
    const deliveries = await allSucceeded(env, sub.body.id, ids.length, 60_000);

    // At least once, none missing, never under another id: the webhook-ids received are exactly the deliveries.
    const groups = byWebhookId(mine());
    expect(new Set(groups.keys())).toEqual(new Set(deliveries.map((d) => d.id)));
    expect(new Set(mine().map((h) => h.json.data.event.id))).toEqual(new Set(ids));
    const verifier = new Webhook(sub.body.secret);
    for (const hook of mine()) expect(() => verifier.verify(hook.body, hook.headers as Record<string, string>)).not.toThrow();
    await stop(second.child, 'SIGTERM');
  }, 120_000);

  it('a worker whose shutdown outlasts WORKER_SHUTDOWN_TIMEOUT exits anyway, leaving its delivery to be sent again', async () => {
    const admin = client(api!.url, env.adminKey);
    const tag = `stuck-${unique()}`;
    const sub = await admin('POST', '/v1/subscriptions', { body: { url: receiver.url, filter: { tags: [tag] } } });
    const mine = () => receiver.received.filter((h) => h.json?.data?.subscriptionId === sub.body.id);
    // An answer that takes longer than the shutdown may: the attempt's own timeout is longer still.
    receiver.responder = (hook) => (hook.json?.data?.subscriptionId === sub.body.id ? { status: 200, delayMs: 20_000 } : { status: 204 });
    const worker = await spawnWorker({ WEBHOOK_TIMEOUT_MS: '60000', WORKER_SHUTDOWN_TIMEOUT: '1s' });
    await publishMany(tag, 1);
    await waitFor(() => mine().length === 1, 20_000);
    const exited = new Promise<number | null>((resolve) => worker.child.once('exit', (code) => resolve(code)));
    worker.child.kill('SIGTERM');
    expect(await exited).toBe(1);
    // Not lost: still pending, with no attempt recorded, for a stalled-job retry or the stuck-delivery sweep.
    const [delivery] = await deliveriesOf(env.databaseUrl, sub.body.id);
    expect(delivery).toMatchObject({ status: 'pending', attempt_count: 0 });
    receiver.responder = () => ({ status: 204 });
  }, 60_000);

  it('two workers against one Redis send each delivery exactly once per attempt', async () => {
    const admin = client(api!.url, env.adminKey);
    const tag = `pair-${unique()}`;
    const sub = await admin('POST', '/v1/subscriptions', { body: { url: receiver.url, filter: { tags: [tag] } } });
    const mine = () => receiver.received.filter((h) => h.json?.data?.subscriptionId === sub.body.id);
    receiver.responder = () => ({ status: 204, delayMs: 10 });
    // An attempt timed out by a busy machine would be retried, and sent twice for two attempts: the bound here is
    // far from a 10 ms answer, so each delivery takes exactly one attempt.
    const roomy = { WEBHOOK_TIMEOUT_MS: '10000' };
    const workers = await Promise.all([spawnWorker(roomy), spawnWorker(roomy)]);
    const ids = await publishMany(tag, 50);
    const deliveries = await allSucceeded(env, sub.body.id, ids.length);

    // Quiescence rather than a sleep: no job for these deliveries left waiting, active or delayed (a second
    // send, had either worker scheduled one, would still be there).
    const ours = new Set(deliveries.map((d) => d.id));
    const connection = new Redis(env.redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue(QUEUE_OF['delivery.send'], { connection, prefix: env.queuePrefix });
    try {
      await waitFor(async () => {
        const open = await queue.getJobs(['wait', 'active', 'delayed', 'prioritized']);
        return !open.some((job) => ours.has((job?.data as { deliveryId?: string } | undefined)?.deliveryId ?? ''));
      }, 30_000);
    } finally {
      await queue.close();
      connection.disconnect();
    }

    const groups = byWebhookId(mine());
    expect(new Set(groups.keys())).toEqual(new Set(deliveries.map((d) => d.id)));
    for (const d of deliveries)
      expect({ id: d.id, received: groups.get(d.id)?.length, attempts: d.attempt_count }).toEqual({ id: d.id, received: 1, attempts: 1 });

    // The two workers fanned out side by side, yet the subscription's sequence runs 1, 2, … 50 without a gap.
    expect(deliveries.map((d) => d.sequence)).toEqual(ids.map((_, i) => i + 1));

    // Across the two processes, 50 successful sends in all: neither sent what the other sent.
    const succeeded = await Promise.all(
      workers.map(async ({ healthUrl }) => {
        const text = await (await fetch(`${healthUrl}/metrics`)).text();
        return Number(/^webhook_deliveries_total\{[^}]*outcome="succeeded"[^}]*\} (\d+)/m.exec(text)?.[1] ?? 0);
      }),
    );
    expect(succeeded.reduce((a, b) => a + b, 0)).toBe(ids.length);
  }, 120_000);
});
