import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma, PreparedStatements, PrismaService } from '../libs/db/src';
import { QUEUE_OF, QueuesService } from '../libs/queue/src';
import { DeliveriesRepository } from '../libs/webhooks/src/deliveries.repository';
import { DeliveryQueue } from '../libs/webhooks/src/delivery-queue';
import { FanOutService } from '../libs/webhooks/src/fan-out.service';
import { SecretBox } from '../libs/webhooks/src/secret-box';
import { SecretsResealer } from '../libs/webhooks/src/secrets-resealer';
import { SubscriptionsRepository } from '../libs/webhooks/src/subscriptions.repository';
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

let env: TestEnv;
let api: RunningApi;
let worker: RunningWorker;
let admin: ReturnType<typeof client>;
const receiver = new WebhookReceiver();

beforeAll(async () => {
  env = await createTestEnv({
    WEBHOOK_RETRY_SCHEDULE: '0s,200ms,200ms,200ms',
    WEBHOOK_RETRY_JITTER: '0',
    // Well above the 400 ms answers some tests script, so that a busy machine does not time them out.
    WEBHOOK_TIMEOUT_MS: '1500',
    OUTBOX_SWEEP_INTERVAL: '500ms',
  });
  api = await startApi();
  worker = await startWorker();
  await receiver.start();
  admin = client(api.url, env.adminKey);
});
afterAll(async () => {
  await worker?.close();
  await api?.close();
  await receiver.close();
});

const unique = () => Math.random().toString(36).slice(2, 10);

/** A subscription for a tag of its own, so tests never see each other's deliveries. */
async function subscribe(extra: Record<string, unknown> = {}, url = receiver.url) {
  const tag = `t-${unique()}`;
  const res = await admin('POST', '/v1/subscriptions', { body: { url, filter: { tags: [tag] }, ...extra } });
  expect(res.status, res.text).toBe(201);
  return { ...res.body, tag };
}

async function publish(tags: string[], actors = [{ code: 'CN', role: 'target' }]) {
  const res = await admin('POST', '/v1/events', {
    body: {
      title: `Webhook test ${unique()}`,
      kind: 'tariff_action',
      date: '2025-05-20',
      actors,
      tags,
      sources: [{ url: `https://example.org/${unique()}`, publisher: 'Example' }],
    },
  });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

const hooksFor = (subscriptionId: string) => receiver.received.filter((h) => h.json?.data?.subscriptionId === subscriptionId);

describe('publish → signed delivery', () => {
  it('delivers a verifiable Standard Webhook to a matching subscription and nothing to a non-matching one', async () => {
    const cn = await admin('POST', '/v1/subscriptions', { body: { url: receiver.url, filter: { actors: ['CN'], tags: ['e2e-flow'] } } });
    const kp = await admin('POST', '/v1/subscriptions', { body: { url: receiver.url, filter: { actors: ['KP'], tags: ['e2e-flow'] } } });
    expect(cn.status).toBe(201);
    expect(cn.body.secret).toMatch(/^whsec_/);
    const event = await publish(['e2e-flow']);
    const [hook] = await waitFor(() => (hooksFor(cn.body.id).length ? hooksFor(cn.body.id) : undefined));
    const verified = new Webhook(cn.body.secret).verify(hook.body, hook.headers as Record<string, string>) as any;
    expect(verified.type).toBe('event.published');
    expect(verified.data.event.id).toBe(event.id);
    expect(verified.data.sequence).toBe(1);
    expect(verified.data.match.reasons).toEqual(expect.arrayContaining(['actor:CN', 'tag:e2e-flow']));
    expect(hook.headers['webhook-id']).toBeTruthy();
    // Give a wrong delivery time to show up before asserting it did not.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(hooksFor(kp.body.id)).toHaveLength(0);
    const deliveries = await admin('GET', `/v1/subscriptions/${cn.body.id}/deliveries`);
    expect(deliveries.body.data[0]).toMatchObject({ status: 'succeeded', attemptCount: 1 });
  });

  it('matches relatedTo through the one relatedness definition and says why', async () => {
    const anchor = await admin('GET', '/v1/events/2025-04-us-145-percent-tariffs-on-china');
    const sub = await subscribe({ filter: { relatedTo: [anchor.body.slug], tags: [`rel-${unique()}`] } });
    const tag = sub.filter.tags[0];
    const res = await admin('POST', '/v1/events', {
      body: {
        title: `Response to the 145 % tariffs ${unique()}`,
        kind: 'retaliation',
        date: '2025-04',
        actors: [{ code: 'CN', role: 'initiator' }],
        tags: [tag],
        sources: [{ url: `https://example.org/${unique()}`, publisher: 'Example' }],
        relations: [{ type: 'responds_to', to: anchor.body.slug }],
      },
    });
    expect(res.status, res.text).toBe(201);
    const [hook] = await waitFor(() => (hooksFor(sub.id).length ? hooksFor(sub.id) : undefined));
    expect(hook.json.data.match.reasons).toEqual(expect.arrayContaining([`relatedTo:${anchor.body.id} (responds_to)`, `tag:${tag}`]));
  });

  it('retries 500, 500, then 200: three attempts under one webhook-id', async () => {
    const sub = await subscribe();
    let calls = 0;
    receiver.responder = (hook) => (hook.json?.data?.subscriptionId === sub.id && calls++ < 2 ? { status: 500 } : { status: 200 });
    await publish([sub.tag]);
    const delivery = await waitFor(async () => {
      const res = await admin('GET', `/v1/subscriptions/${sub.id}/deliveries`);
      return res.body.data[0]?.status === 'succeeded' ? res.body.data[0] : undefined;
    });
    receiver.responder = () => ({ status: 204 });
    expect(delivery.attempts.map((a: any) => a.statusCode)).toEqual([500, 500, 200]);
    const ids = new Set(hooksFor(sub.id).map((h) => h.headers['webhook-id']));
    expect(ids.size).toBe(1);
    expect(hooksFor(sub.id)).toHaveLength(3);
  });

  it('disables the subscription on 410 Gone, holds new matches, and sends them on enable', async () => {
    const sub = await subscribe();
    receiver.responder = (hook) => (hook.json?.data?.subscriptionId === sub.id ? { status: 410 } : { status: 204 });
    await publish([sub.tag]);
    await waitFor(async () => ((await admin('GET', `/v1/subscriptions/${sub.id}`)).body.status === 'disabled' ? true : undefined));
    const disabled = await admin('GET', `/v1/subscriptions/${sub.id}`);
    expect(disabled.body.disabledReason).toMatch(/410/);
    receiver.responder = () => ({ status: 204 });
    await publish([sub.tag]);
    const held = await waitFor(async () => {
      const res = await admin('GET', `/v1/subscriptions/${sub.id}/deliveries?status=held`);
      return res.body.data.length ? res.body.data : undefined;
    });
    expect(held).toHaveLength(1);
    expect(hooksFor(sub.id)).toHaveLength(1);
    const enabled = await admin('POST', `/v1/subscriptions/${sub.id}/enable`);
    expect(enabled.body).toMatchObject({ status: 'active', released: 1 });
    await waitFor(() => (hooksFor(sub.id).length === 2 ? true : undefined));
    expect(hooksFor(sub.id)[1].json.data.sequence).toBe(2);
  });

  it('signs with both the old and the new secret after a rotation', async () => {
    const sub = await subscribe();
    const rotated = await admin('POST', `/v1/subscriptions/${sub.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(sub.secret);
    await publish([sub.tag]);
    const [hook] = await waitFor(() => (hooksFor(sub.id).length ? hooksFor(sub.id) : undefined));
    expect(String(hook.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(() => new Webhook(sub.secret).verify(hook.body, hook.headers as Record<string, string>)).not.toThrow();
    expect(() => new Webhook(rotated.body.secret).verify(hook.body, hook.headers as Record<string, string>)).not.toThrow();
  });

  it('stores secrets sealed, and still signs with one stored plain (from before WEBHOOK_SECRETS_KEY was set)', async () => {
    const prisma = api.app.get(PrismaService);
    const sub = await subscribe();
    const rotated = await admin('POST', `/v1/subscriptions/${sub.id}/rotate-secret`);
    const [stored] = await prisma.$queryRaw<{ secret: string; previous_secret: string }[]>`
      SELECT secret, previous_secret FROM subscriptions WHERE id = ${sub.id}::uuid`;
    for (const [value, secret] of [
      [stored.secret, rotated.body.secret],
      [stored.previous_secret, sub.secret],
    ] as [string, string][]) {
      expect(value).toMatch(/^tt1:/);
      expect(value).not.toContain(secret.slice('whsec_'.length));
    }

    await prisma.$executeRaw`UPDATE subscriptions SET secret = ${sub.secret}, previous_secret = NULL WHERE id = ${sub.id}::uuid`;
    await publish([sub.tag]);
    const [hook] = await waitFor(() => (hooksFor(sub.id).length ? hooksFor(sub.id) : undefined));
    expect(String(hook.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(() => new Webhook(sub.secret).verify(hook.body, hook.headers as Record<string, string>)).not.toThrow();
  });

  it('reseals every secret under a new key (secrets:reseal), the old key opening them until then', async () => {
    const prisma = api.app.get(PrismaService);
    const current = process.env.WEBHOOK_SECRETS_KEY as string;
    const next = randomBytes(32).toString('base64');
    const sealed = await subscribe();
    const plain = await subscribe();
    await prisma.$executeRaw`UPDATE subscriptions SET secret = ${plain.secret} WHERE id = ${plain.id}::uuid`;
    const lost = await subscribe();
    // Sealed with a key that is gone: reported, and left as it is.
    const lostStored = new SecretBox({ WEBHOOK_SECRETS_KEY: randomBytes(32).toString('base64') }).seal(lost.secret);
    await prisma.$executeRaw`UPDATE subscriptions SET secret = ${lostStored} WHERE id = ${lost.id}::uuid`;
    const broken = await subscribe();
    await prisma.$executeRaw`UPDATE subscriptions SET secret = 'tt1:broken' WHERE id = ${broken.id}::uuid`;
    const storedOf = async (id: string) =>
      (await prisma.$queryRaw<{ secret: string }[]>`SELECT secret FROM subscriptions WHERE id = ${id}::uuid`)[0].secret;

    // The new key takes over; the old one only opens.
    const changing = new SecretsResealer(
      api.app.get(SubscriptionsRepository),
      new SecretBox({ WEBHOOK_SECRETS_KEY: next, WEBHOOK_SECRETS_PREVIOUS_KEY: current }),
    );
    const report = await changing.resealAll();
    expect([...report.unreadable].sort()).toEqual([lost.id, broken.id].sort());
    expect(report.resealed).toBeGreaterThanOrEqual(2);
    const nextOnly = new SecretBox({ WEBHOOK_SECRETS_KEY: next });
    for (const sub of [sealed, plain]) {
      const stored = await storedOf(sub.id);
      expect(stored).toMatch(/^tt1:/);
      expect(nextOnly.open(stored)).toBe(sub.secret);
    }
    expect(await storedOf(lost.id)).toBe(lostStored);
    expect((await changing.resealAll()).resealed).toBe(0); // nothing left to do

    // And back to the key this test's worker runs with: it signs with the same secrets as before.
    const back = await new SecretsResealer(
      api.app.get(SubscriptionsRepository),
      new SecretBox({ WEBHOOK_SECRETS_KEY: current, WEBHOOK_SECRETS_PREVIOUS_KEY: next }),
    ).resealAll();
    expect(back.resealed).toBe(report.resealed);
    for (const gone of [lost, broken]) expect((await admin('DELETE', `/v1/subscriptions/${gone.id}`)).status).toBe(204);
    await publish([plain.tag]);
    const [hook] = await waitFor(() => (hooksFor(plain.id).length ? hooksFor(plain.id) : undefined));
    expect(() => new Webhook(plain.secret).verify(hook.body, hook.headers as Record<string, string>)).not.toThrow();
  });

  it('replays a delivered webhook with the same webhook-id', async () => {
    const sub = await subscribe();
    const since = new Date(Date.now() - 60_000).toISOString();
    await publish([sub.tag]);
    await waitFor(() => (hooksFor(sub.id).length === 1 ? true : undefined));
    const replay = await admin('POST', `/v1/subscriptions/${sub.id}/replay`, { body: { since } });
    expect(replay.status).toBe(202);
    expect(replay.body.replayed).toBe(1);
    await waitFor(() => (hooksFor(sub.id).length === 2 ? true : undefined));
    const [first, second] = hooksFor(sub.id);
    expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(second.body).toBe(first.body);
  });

  it('does not follow redirects: a 302 is a failed attempt', async () => {
    const sub = await subscribe();
    receiver.responder = (hook) =>
      hook.json?.data?.subscriptionId === sub.id ? { status: 302, headers: { location: 'http://127.0.0.1:1/elsewhere' } } : { status: 204 };
    await publish([sub.tag]);
    const delivery = await waitFor(async () => {
      const res = await admin('GET', `/v1/subscriptions/${sub.id}/deliveries`);
      return res.body.data[0]?.status === 'failed' ? res.body.data[0] : undefined;
    });
    receiver.responder = () => ({ status: 204 });
    expect(delivery.attempts[0]).toMatchObject({ statusCode: 302, succeeded: false });
    expect(delivery.attempts[0].error).toMatch(/redirect/);
    expect(delivery.attempts).toHaveLength(4);
  });

  it('retries a timed-out attempt', async () => {
    const sub = await subscribe();
    let calls = 0;
    receiver.responder = (hook) =>
      hook.json?.data?.subscriptionId === sub.id && calls++ === 0 ? { status: 200, delayMs: 3000 } : { status: 200 };
    await publish([sub.tag]);
    const delivery = await waitFor(async () => {
      const res = await admin('GET', `/v1/subscriptions/${sub.id}/deliveries`);
      return res.body.data[0]?.status === 'succeeded' ? res.body.data[0] : undefined;
    });
    receiver.responder = () => ({ status: 204 });
    expect(delivery.attempts[0].error).toMatch(/timed out|timeout/i);
    expect(delivery.attempts[1].succeeded).toBe(true);
  });

  it('retries one failed delivery on request and sends a test delivery', async () => {
    const sub = await subscribe({}, 'http://127.0.0.1:9/nothing-listens-here');
    await publish([sub.tag]);
    const failed = await waitFor(async () => {
      const res = await admin('GET', `/v1/deliveries?subscriptionId=${sub.id}&status=failed`);
      return res.body.data[0];
    });
    await admin('PATCH', `/v1/subscriptions/${sub.id}`, { body: { url: receiver.url } });
    const retried = await admin('POST', `/v1/deliveries/${failed.id}/retry`);
    expect(retried.status).toBe(202);
    await waitFor(() => (hooksFor(sub.id).length === 1 ? true : undefined));
    expect(hooksFor(sub.id)[0].headers['webhook-id']).toBe(failed.id);
    const test = await admin('POST', `/v1/subscriptions/${sub.id}/test`);
    expect(test.status).toBe(202);
    await waitFor(() => (hooksFor(sub.id).some((h) => h.json.type === 'subscription.test') ? true : undefined));
  });

  it('creates nothing new when a fan-out runs twice', async () => {
    const sub = await subscribe();
    const event = await publish([sub.tag]);
    await waitFor(() => (hooksFor(sub.id).length === 1 ? true : undefined));
    const db = new pg.Client({ connectionString: env.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ id: string }>(`SELECT id::text FROM outbox_entries WHERE event_id = $1`, [event.id]);
      const fanOut = worker.app.get(FanOutService);
      for (const { id } of rows) {
        await fanOut.fanOut(id);
        await fanOut.fanOut(id);
      }
      const count = await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE subscription_id = $1`, [sub.id]);
      expect(count.rows[0].n).toBe(1);
    } finally {
      await db.end();
    }
  });

  it('re-finds the deliveries an interrupted fan-out left unsent, and sends the event as it is when its revision is gone', async () => {
    const sub = await subscribe();
    const event = await publish([sub.tag]);
    await waitFor(() => (hooksFor(sub.id).length === 1 ? true : undefined));
    const prisma = worker.app.get(PrismaService);
    const fanOut = worker.app.get(FanOutService);
    const [{ id: outboxId }] = await prisma.$queryRaw<{ id: string }[]>`
      SELECT id::text FROM outbox_entries WHERE event_id = ${event.id}::uuid`;
    // A run that inserted its delivery and stopped before queueing it: a second run finds it, and adds nothing.
    await prisma.$executeRaw`UPDATE deliveries SET status = 'pending', attempt_count = 0 WHERE subscription_id = ${sub.id}::uuid`;
    expect(await fanOut.fanOut(outboxId)).toBe(1);
    await prisma.$executeRaw`UPDATE deliveries SET status = 'succeeded', attempt_count = 1 WHERE subscription_id = ${sub.id}::uuid`;

    // A change whose revision is missing goes out with the event as it is now.
    await prisma.$executeRaw`DELETE FROM event_revisions WHERE event_id = ${event.id}::uuid`;
    const [{ id: copy }] = await prisma.$queryRaw<{ id: string }[]>`
      INSERT INTO outbox_entries (type, event_id, event_version, payload, relayed_at)
      SELECT 'event.updated', event_id, event_version, payload, now() FROM outbox_entries WHERE id = ${outboxId}::bigint
      RETURNING id::text`;
    expect(await fanOut.fanOut(copy)).toBe(1);
    const updated = await waitFor(() => hooksFor(sub.id).find((h) => h.json?.type === 'event.updated'));
    expect(updated.json.data.event).toMatchObject({ id: event.id, title: event.title, version: event.version, status: 'published' });
    expect(updated.json.data.sequence).toBe(2);
  });

  it('runs the delivery path as prepared statements planned for the parameters of the moment, but for the fan-out', async () => {
    const statements = worker.app.get(PreparedStatements);
    const settings = (i: number) =>
      Prisma.sql`SELECT current_setting('plan_cache_mode') AS mode, current_setting('synchronous_commit') AS sync, ${i}::int AS run`;
    // Twice: the second run reuses the statement the connection prepared.
    for (let i = 0; i < 2; i++) {
      expect(await statements.query(settings(i))).toEqual([{ mode: 'force_custom_plan', sync: 'on', run: i }]);
      // Claims and records: a commit that does not wait for the WAL flush.
      expect(await statements.queryRelaxed(settings(i))).toEqual([{ mode: 'force_custom_plan', sync: 'off', run: i }]);
      // The fan-out: planned once per connection.
      expect(await statements.queryPlannedOnce(settings(i))).toEqual([{ mode: 'force_generic_plan', sync: 'on', run: i }]);
    }
  });

  it('previews what a filter matches and keeps subscribers to their own subscriptions', async () => {
    const preview = await admin('POST', '/v1/subscriptions/preview', { body: { filter: { actors: ['CN'], tags: ['tariffs'] } } });
    expect(preview.status).toBe(200);
    expect(preview.body.data.length).toBeGreaterThan(0);
    expect(preview.body.data.every((e: any) => e.actors.some((a: any) => a.code === 'CN'))).toBe(true);
    const keyA = await admin('POST', '/v1/api-keys', { body: { name: 'desk A', role: 'subscriber' } });
    const keyB = await admin('POST', '/v1/api-keys', { body: { name: 'desk B', role: 'subscriber' } });
    const a = client(api.url, keyA.body.key);
    const b = client(api.url, keyB.body.key);
    const mine = await a('POST', '/v1/subscriptions', { body: { url: receiver.url, filter: {} } });
    expect(mine.status).toBe(201);
    expect((await b('GET', `/v1/subscriptions/${mine.body.id}`)).status).toBe(404);
    expect((await b('GET', '/v1/subscriptions')).body.data).toHaveLength(0);
    expect((await a('GET', '/v1/subscriptions')).body.data).toHaveLength(1);
    const bad = await a('POST', '/v1/subscriptions', { body: { url: receiver.url, filter: { colour: 'red' } } });
    expect(bad.status).toBe(400);
  });

  it('exposes queue depth and outbox lag on /metrics, and the queue dashboard to admins only', async () => {
    const metrics = await client(api.url)('GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(/queue_jobs\{[^}]*queue="deliveries"/);
    expect(metrics.text).toContain('outbox_lag_seconds');
    expect((await client(api.url)('GET', '/admin/queues')).status).toBe(401);
    const editor = await admin('POST', '/v1/api-keys', { body: { name: 'ed', role: 'editor' } });
    expect((await client(api.url, editor.body.key)('GET', '/admin/queues')).status).toBe(403);
    const dashboard = await admin('GET', '/admin/queues');
    expect(dashboard.status).toBe(200);
    expect(dashboard.text).toContain('<html');
    const basic = Buffer.from(`admin:${env.adminKey}`).toString('base64');
    expect((await client(api.url)('GET', '/admin/queues', { headers: { authorization: `Basic ${basic}` } })).status).toBe(200);
  });
});

describe('one send per attempt', () => {
  it('a second job for a delivery that is being sent does not send it again, and the claim ends with the attempt', async () => {
    const sub = await subscribe();
    receiver.responder = (hook) => (hook.json?.data?.subscriptionId === sub.id ? { status: 200, delayMs: 400 } : { status: 204 });
    await publish([sub.tag]);
    const [first] = await waitFor(() => (hooksFor(sub.id).length === 1 ? hooksFor(sub.id) : undefined));
    const deliveryId = String(first.headers['webhook-id']);

    // What a sweep or a stalled-job retry does while the first send still waits for its answer.
    await worker.app.get(DeliveryQueue).enqueue([deliveryId], 'duplicate');
    const queue = worker.app.get(QueuesService).queue(QUEUE_OF['delivery.send']);
    await waitFor(async () => {
      const done = await queue.getJobs(['completed']);
      return done.filter((job) => (job.data as { deliveryId: string }).deliveryId === deliveryId).length === 2;
    });
    const [delivery] = (await admin('GET', `/v1/subscriptions/${sub.id}/deliveries`)).body.data;
    expect(delivery).toMatchObject({ id: deliveryId, status: 'succeeded', attemptCount: 1 });
    expect(hooksFor(sub.id)).toHaveLength(1);

    // One batch asking twice for the same pending delivery claims it once.
    const deliveries = worker.app.get(DeliveriesRepository);
    await admin('POST', `/v1/deliveries/${deliveryId}/retry`).then((r) => expect(r.status).toBe(202));
    await waitFor(() => (hooksFor(sub.id).length === 2 ? true : undefined));
    await waitFor(async () => ((await admin('GET', `/v1/deliveries/${deliveryId}`)).body.status === 'succeeded' ? true : undefined));
    await worker.app.get(PrismaService).delivery.update({ where: { id: deliveryId }, data: { status: 'pending', leasedUntil: null } });
    const [once, twice] = await deliveries.claimForSend([deliveryId, deliveryId], 60_000);
    expect(once?.id).toBe(deliveryId);
    expect(twice).toBeNull();
    expect(await deliveries.claimForSend([deliveryId], 60_000)).toEqual([null]); // held by the first claim
    await deliveries.recordAttempts([
      {
        deliveryId,
        attempt: { number: 3, startedAt: new Date(), durationMs: 1, statusCode: 204, error: null, responseBody: null, succeeded: true },
        next: { status: 'succeeded', nextAttemptAt: null },
      },
    ]);

    // Released: an explicit retry sends it again, under the same webhook-id.
    receiver.responder = () => ({ status: 204 });
    expect((await admin('POST', `/v1/deliveries/${deliveryId}/retry`)).status).toBe(202);
    await waitFor(() => (hooksFor(sub.id).length === 3 ? true : undefined));
    expect(hooksFor(sub.id).map((h) => h.headers['webhook-id'])).toEqual([deliveryId, deliveryId, deliveryId]);
  });
});

describe('graceful shutdown', () => {
  it('finishes the in-flight delivery before the worker exits', async () => {
    const sub = await subscribe();
    receiver.responder = (hook) => (hook.json?.data?.subscriptionId === sub.id ? { status: 200, delayMs: 400 } : { status: 204 });
    await publish([sub.tag]);
    await waitFor(() => (hooksFor(sub.id).length === 1 ? true : undefined));
    await worker.close(); // the request is still waiting for its answer
    const res = await admin('GET', `/v1/subscriptions/${sub.id}/deliveries`);
    receiver.responder = () => ({ status: 204 });
    worker = await startWorker();
    expect(res.body.data[0]).toMatchObject({ status: 'succeeded', attemptCount: 1 });
  });
});
