import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_OF } from '../libs/queue/src/job-catalogue';
import { createEvent, token } from './support/factories';
import { startStack, waitFor, type RunningStack } from './support/harness';

// The delivery rules that depend on the receiver's answers: Retry-After on 429/503, disabling a subscription that has
// failed for WEBHOOK_DISABLE_AFTER, and answers that cannot be stored as they are; and what the stuck-delivery sweep
// does (STUCK_DELIVERY_AFTER is 1 s here): held deliveries an enable missed, fan-outs that are only slow. The schedule retries every 300 ms,
// so a wait of a second can only come from the receiver.
let stack: RunningStack;

beforeAll(async () => {
  stack = await startStack({
    WEBHOOK_RETRY_SCHEDULE: '0s,300ms,300ms,300ms,300ms,300ms,300ms,300ms',
    WEBHOOK_RETRY_JITTER: '0',
    WEBHOOK_DISABLE_AFTER: '1s',
    OUTBOX_SWEEP_INTERVAL: '500ms',
    STUCK_DELIVERY_AFTER: '1s',
  });
});
afterAll(async () => {
  await stack?.close();
});

interface Attempt {
  number: number;
  startedAt: string;
  statusCode: number | null;
}

/** A subscription to a tag of its own, and the receiver's answers to it scripted by `answer` (the nth request). */
async function subscribeAnswering(
  answer: (index: number) => { status: number; headers?: Record<string, string>; body?: string },
  tag = `t-${token()}`,
) {
  const res = await stack.admin('POST', '/v1/subscriptions', { body: { url: stack.receiver.url, filter: { tags: [tag] } } });
  expect(res.status, res.text).toBe(201);
  const id = res.body.id as string;
  let calls = 0;
  const previous = stack.receiver.responder;
  stack.receiver.responder = (hook, index) => (hook.json?.data?.subscriptionId === id ? answer(calls++) : previous(hook, index));
  return { id, tag };
}

interface Delivery {
  status: string;
  nextAttemptAt: string | null;
  attempts: Attempt[];
}

/** The subscription's delivery once `ready` says so. */
async function deliveryWhen(subscriptionId: string, ready: (delivery: Delivery) => boolean): Promise<Delivery> {
  return waitFor(async () => {
    const res = await stack.admin('GET', `/v1/subscriptions/${subscriptionId}/deliveries`);
    const delivery = res.body.data[0] as Delivery | undefined;
    return delivery && ready(delivery) ? delivery : undefined;
  }, 15_000);
}

const succeeded = (d: Delivery) => d.status === 'succeeded';
const gapMs = (attempts: Attempt[]) => Date.parse(attempts[1].startedAt) - Date.parse(attempts[0].startedAt);

describe('Retry-After', () => {
  it('a 429 with Retry-After in seconds puts the next attempt that far off, not on the schedule', async () => {
    const sub = await subscribeAnswering((n) => (n === 0 ? { status: 429, headers: { 'retry-after': '2' } } : { status: 200 }));
    await createEvent(stack.admin, { tags: [sub.tag] });
    const waiting = await deliveryWhen(sub.id, (d) => d.status === 'pending' && d.attempts.length === 1);
    expect(waiting.attempts[0].statusCode).toBe(429);
    expect(Date.parse(waiting.nextAttemptAt!) - Date.parse(waiting.attempts[0].startedAt)).toBeGreaterThanOrEqual(1900);
    const delivered = await deliveryWhen(sub.id, succeeded);
    expect(delivered.attempts.map((a) => a.statusCode)).toEqual([429, 200]);
    expect(gapMs(delivered.attempts)).toBeGreaterThanOrEqual(1900);
  });

  it('a 503 with Retry-After as an HTTP date waits until then', async () => {
    const sub = await subscribeAnswering((n) =>
      n === 0 ? { status: 503, headers: { 'retry-after': new Date(Date.now() + 3000).toUTCString() } } : { status: 200 },
    );
    await createEvent(stack.admin, { tags: [sub.tag] });
    const delivered = await deliveryWhen(sub.id, succeeded);
    expect(delivered.attempts.map((a) => a.statusCode)).toEqual([503, 200]);
    // An HTTP date has whole seconds: the wait is at least a second and a bit, never the schedule's 300 ms.
    expect(gapMs(delivered.attempts)).toBeGreaterThanOrEqual(1000);
  });

  it('a 500 with Retry-After follows the schedule', async () => {
    const sub = await subscribeAnswering((n) => (n === 0 ? { status: 500, headers: { 'retry-after': '30' } } : { status: 200 }));
    await createEvent(stack.admin, { tags: [sub.tag] });
    const delivered = await deliveryWhen(sub.id, succeeded);
    expect(delivered.attempts.map((a) => a.statusCode)).toEqual([500, 200]);
    expect(gapMs(delivered.attempts)).toBeLessThan(30_000);
  });
});

describe('WEBHOOK_DISABLE_AFTER', () => {
  it('disables a subscription whose deliveries have all failed that long, then holds its new matches', async () => {
    const sub = await subscribeAnswering(() => ({ status: 500 }));
    await createEvent(stack.admin, { tags: [sub.tag] });
    const disabled = await waitFor(async () => {
      const res = await stack.admin('GET', `/v1/subscriptions/${sub.id}`);
      return res.body.status === 'disabled' ? res.body : undefined;
    }, 15_000);
    expect(disabled.disabledReason).toMatch(/failed/i);
    const failing = await stack.admin('GET', `/v1/subscriptions/${sub.id}/deliveries`);
    const attempts = failing.body.data[0].attempts as Attempt[];
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(attempts.every((a) => a.statusCode === 500)).toBe(true);

    const next = await createEvent(stack.admin, { tags: [sub.tag] });
    const held = await waitFor(async () => {
      const res = await stack.admin('GET', `/v1/subscriptions/${sub.id}/deliveries?status=held`);
      const data = res.body.data as { eventId: string }[];
      return data.some((d) => d.eventId === next.id) ? data : undefined;
    });
    // The new match is held. So is the first event's delivery when a retry of it was still due at the disable.
    expect(held.filter((d) => d.eventId === next.id)).toHaveLength(1);
  });
});

describe('answers that cannot be stored as they are', () => {
  it('a NUL in one response body is stored replaced, and the attempts recorded beside it are not lost', async () => {
    const hostile = await subscribeAnswering(() => ({ status: 500, body: 'bad\u0000body' }));
    const good = await subscribeAnswering(() => ({ status: 200 }), hostile.tag);
    await createEvent(stack.admin, { tags: [hostile.tag] });
    const delivered = await deliveryWhen(good.id, succeeded);
    expect(delivered.attempts).toHaveLength(1);
    const failing = await deliveryWhen(hostile.id, (d) => d.attempts.length > 0);
    expect(failing.attempts[0]).toMatchObject({ statusCode: 500, responseBody: 'bad\ufffdbody' });
    // The good receiver got its webhook once: its attempt was recorded, so it was not sent again.
    const received = stack.receiver.received.filter((h) => h.json?.data?.subscriptionId === good.id);
    expect(received).toHaveLength(1);
  });
});

describe('held deliveries an enable missed', () => {
  it('sends a held delivery of an active subscription, under its webhook-id', async () => {
    const sub = await subscribeAnswering(() => ({ status: 200 }));
    await createEvent(stack.admin, { tags: [sub.tag] });
    await deliveryWhen(sub.id, succeeded);
    // What a write that chose "held" while an enable ran leaves behind when it commits after the enable's release.
    const db = new pg.Client({ connectionString: stack.env.databaseUrl });
    await db.connect();
    try {
      await db.query(`UPDATE deliveries SET status = 'held', updated_at = now() - interval '1 minute' WHERE subscription_id = $1`, [
        sub.id,
      ]);
    } finally {
      await db.end();
    }
    const again = await deliveryWhen(sub.id, (d) => d.status === 'succeeded' && d.attempts.length === 2);
    expect(again.attempts.map((a) => a.statusCode)).toEqual([200, 200]);
    const hooks = stack.receiver.received.filter((h) => h.json?.data?.subscriptionId === sub.id);
    expect(hooks).toHaveLength(2);
    expect(new Set(hooks.map((h) => h.headers['webhook-id'])).size).toBe(1);
  });
});

describe('fan-outs that are slow, not lost', () => {
  it('are not fanned out a second time by the sweep: one delivery per event, sequences without a gap', async () => {
    const tag = `t-${token()}`;
    const subs: string[] = [];
    for (let i = 0; i < 3; i++) subs.push((await subscribeAnswering(() => ({ status: 200 }), tag)).id);
    const connection = new Redis(stack.env.redisUrl, { maxRetriesPerRequest: null });
    const fanOuts = new Queue(QUEUE_OF['outbox.fan-out'], { connection, prefix: stack.env.queuePrefix });
    const db = new pg.Client({ connectionString: stack.env.databaseUrl });
    await db.connect();
    try {
      await fanOuts.pause(); // the fan-out jobs wait in the queue, as behind a long backlog
      const events: { id: string }[] = [];
      for (let i = 0; i < 3; i++) events.push(await createEvent(stack.admin, { tags: [tag] }));
      // Swept at least twice: the sweep stamps a row's relay time each time it finds it not fanned out.
      await waitFor(async () => {
        const { rows } = await db.query<{ swept: boolean }>(
          `SELECT bool_and(relayed_at > created_at + interval '2 seconds') AS swept FROM outbox_entries WHERE event_id = ANY ($1::uuid[])`,
          [events.map((e) => e.id)],
        );
        return rows[0]?.swept === true;
      }, 15_000);
      // The sweep left the waiting jobs be: no second fan-out job for these rows.
      const waiting = await fanOuts.getJobs(['wait', 'prioritized', 'delayed']);
      expect(waiting.filter((job) => String(job?.id).includes('-sweep-'))).toEqual([]);
      await fanOuts.resume();
      for (const id of subs) {
        const done = await waitFor(async () => {
          const res = await stack.admin('GET', `/v1/subscriptions/${id}/deliveries`);
          const data = res.body.data as { sequence: number; status: string }[];
          return data.length >= 3 && data.every((d) => d.status === 'succeeded') ? data : undefined;
        }, 15_000);
        expect(done.map((d) => d.sequence).sort((a, b) => a - b)).toEqual([1, 2, 3]);
        expect(stack.receiver.received.filter((h) => h.json?.data?.subscriptionId === id)).toHaveLength(3);
      }
    } finally {
      await fanOuts.resume();
      await fanOuts.close();
      connection.disconnect();
      await db.end();
    }
  });
});
