import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RetentionSweeper } from '../apps/worker/src/retention-sweeper';
import { Metrics } from '../libs/observability/src/metrics';
import { createEvent, eventBody, token } from './support/factories';
import { startStack, waitFor, type RunningStack } from './support/harness';

// What the worker's retention sweep deletes (and keeps), and how an expired Idempotency-Key behaves at the api.
// Rows are aged by moving their timestamps back in SQL; the defaults are the production ones (24 h, 7 d, 90 d).
let stack: RunningStack;
let db: pg.Client;

beforeAll(async () => {
  stack = await startStack();
  db = new pg.Client({ connectionString: stack.env.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await stack?.close();
});

const sweep = () => stack.worker.app.get(RetentionSweeper).tick();

/** A subscription to a tag of its own, `count` events published to it, and its deliveries once all succeeded. */
async function deliveredTo(count: number): Promise<{ subscriptionId: string; deliveryIds: string[] }> {
  const tag = `r-${token()}`;
  const sub = await stack.admin('POST', '/v1/subscriptions', { body: { url: stack.receiver.url, filter: { tags: [tag] } } });
  expect(sub.status, sub.text).toBe(201);
  for (let i = 0; i < count; i++) await createEvent(stack.admin, { tags: [tag] });
  const deliveryIds = await waitFor(async () => {
    const { rows } = await db.query<{ id: string; status: string }>(
      `SELECT id::text, status::text FROM deliveries WHERE subscription_id = $1 ORDER BY sequence`,
      [sub.body.id],
    );
    return rows.length === count && rows.every((r) => r.status === 'succeeded') && rows.map((r) => r.id);
  }, 15_000);
  return { subscriptionId: sub.body.id as string, deliveryIds };
}

describe('retention sweep', () => {
  it('deletes succeeded and failed deliveries older than 90 days with their attempts, and keeps pending, held and recent ones', async () => {
    const { deliveryIds } = await deliveredTo(5);
    const [succeeded, failed, pending, held, recent] = deliveryIds;
    await db.query(`UPDATE deliveries SET created_at = now() - interval '91 days' WHERE id = ANY ($1::uuid[])`, [
      [succeeded, failed, pending, held],
    ]);
    await db.query(`UPDATE deliveries SET status = 'failed' WHERE id = $1`, [failed]);
    await db.query(`UPDATE deliveries SET status = 'pending', attempt_count = 0 WHERE id = $1`, [pending]);
    await db.query(`UPDATE deliveries SET status = 'held' WHERE id = $1`, [held]);
    const attemptsBefore = await db.query(`SELECT count(*)::int AS n FROM delivery_attempts WHERE delivery_id = ANY ($1::uuid[])`, [
      [succeeded, failed],
    ]);
    expect(attemptsBefore.rows[0].n).toBe(2);

    const swept = await sweep();

    expect(swept?.deliveries).toBeGreaterThanOrEqual(2);
    const { rows } = await db.query<{ id: string }>(`SELECT id::text FROM deliveries WHERE id = ANY ($1::uuid[])`, [deliveryIds]);
    expect(rows.map((r) => r.id).sort()).toEqual([pending, held, recent].sort());
    const attemptsAfter = await db.query(`SELECT count(*)::int AS n FROM delivery_attempts WHERE delivery_id = ANY ($1::uuid[])`, [
      [succeeded, failed],
    ]);
    expect(attemptsAfter.rows[0].n).toBe(0);
    const counted = await stack.worker.app.get(Metrics).retentionDeleted.get();
    expect(counted.values.find((v) => v.labels.table === 'deliveries')?.value).toBeGreaterThanOrEqual(2);
  });

  it('deletes outbox rows fanned out more than 7 days ago, and keeps recent rows and rows not yet fanned out', async () => {
    const events = [await createEvent(stack.admin), await createEvent(stack.admin), await createEvent(stack.admin)];
    const ids = events.map((e) => e.id);
    await waitFor(async () => {
      const { rows } = await db.query(`SELECT 1 FROM outbox_entries WHERE event_id = ANY ($1::uuid[]) AND fanned_out_at IS NOT NULL`, [
        ids,
      ]);
      return rows.length === 3;
    });
    const [old, recent, unfinished] = ids;
    await db.query(`UPDATE outbox_entries SET fanned_out_at = now() - interval '8 days' WHERE event_id = $1`, [old]);
    await db.query(`UPDATE outbox_entries SET fanned_out_at = NULL, created_at = now() - interval '30 days' WHERE event_id = $1`, [
      unfinished,
    ]);

    const swept = await sweep();

    expect(swept?.outboxEntries).toBeGreaterThanOrEqual(1);
    const { rows } = await db.query<{ event_id: string }>(`SELECT event_id::text FROM outbox_entries WHERE event_id = ANY ($1::uuid[])`, [
      ids,
    ]);
    expect(rows.map((r) => r.event_id).sort()).toEqual([recent, unfinished].sort());
  });

  it('forgets an Idempotency-Key after 24 hours: the api no longer replays it, and the sweep deletes it', async () => {
    const key = `idem-${token()}`;
    const first = await stack.admin('POST', '/v1/events', { body: eventBody(), headers: { 'idempotency-key': key } });
    expect(first.status, first.text).toBe(201);
    const fresh = `idem-${token()}`;
    expect((await stack.admin('POST', '/v1/events', { body: eventBody(), headers: { 'idempotency-key': fresh } })).status).toBe(201);
    await db.query(`UPDATE idempotency_records SET created_at = now() - interval '25 hours' WHERE idempotency_key = $1`, [key]);

    // Expired: another body under the same key is a new request (not 422), and it is the one a retry now replays.
    const secondBody = eventBody();
    const second = await stack.admin('POST', '/v1/events', { body: secondBody, headers: { 'idempotency-key': key } });
    expect(second.status, second.text).toBe(201);
    expect(second.body.id).not.toBe(first.body.id);
    const retry = await stack.admin('POST', '/v1/events', { body: secondBody, headers: { 'idempotency-key': key } });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.id).toBe(second.body.id);

    await db.query(`UPDATE idempotency_records SET created_at = now() - interval '25 hours' WHERE idempotency_key = $1`, [key]);
    const swept = await sweep();
    expect(swept?.idempotencyRecords).toBeGreaterThanOrEqual(1);
    const { rows } = await db.query<{ idempotency_key: string }>(
      `SELECT idempotency_key FROM idempotency_records WHERE idempotency_key = ANY ($1::text[])`,
      [[key, fresh]],
    );
    expect(rows.map((r) => r.idempotency_key)).toEqual([fresh]);
  });
});
