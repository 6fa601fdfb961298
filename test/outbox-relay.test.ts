import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_OF, QueuesService } from '../libs/queue/src';
import { fanOutJobId, parseOutboxNotice } from '../libs/webhooks/src/outbox.repository';
import { startStack, waitFor, type RunningStack } from './support/harness';

// The relay sweeps the table once at boot and then only every hour here: whatever reaches a receiver after boot
// went through a notification.
let stack: RunningStack;
let db: pg.Client;
const notices: string[] = [];

beforeAll(async () => {
  stack = await startStack({ OUTBOX_SWEEP_INTERVAL: '1h', WEBHOOK_RETRY_JITTER: '0' });
  db = new pg.Client({ connectionString: stack.env.databaseUrl });
  await db.connect();
  db.on('notification', (message) => notices.push(message.payload ?? ''));
  await db.query('LISTEN outbox');
});
afterAll(async () => {
  await db?.end();
  await stack?.close();
});

const unique = () => Math.random().toString(36).slice(2, 10);

async function subscribeAndPublish() {
  const tag = `relay-${unique()}`;
  const sub = await stack.admin('POST', '/v1/subscriptions', { body: { url: stack.receiver.url, filter: { tags: [tag] } } });
  expect(sub.status, sub.text).toBe(201);
  const event = await stack.admin('POST', '/v1/events', {
    body: {
      title: `Relay test ${unique()}`,
      kind: 'statement',
      date: '2025-05-04',
      actors: [{ code: 'CN', role: 'participant' }],
      tags: [tag],
      sources: [{ url: `https://example.org/${unique()}`, publisher: 'Example' }],
    },
  });
  expect(event.status, event.text).toBe(201);
  return { subscriptionId: sub.body.id as string, eventId: event.body.id as string };
}

const delivered = (subscriptionId: string, type: string) =>
  waitFor(() => stack.receiver.received.find((h) => h.json?.data?.subscriptionId === subscriptionId && h.json?.type === type));

describe('outbox relay', () => {
  it("queues the row a write's notification names, with the job id a sweep would give it", async () => {
    const { subscriptionId, eventId } = await subscribeAndPublish();
    const hook = await delivered(subscriptionId, 'event.published');
    expect(hook.json.data.event.id).toBe(eventId);

    const {
      rows: [row],
    } = await db.query<{ id: string; created_at: Date }>('SELECT id::text, created_at FROM outbox_entries WHERE event_id = $1', [eventId]);
    expect(notices.map(parseOutboxNotice)).toContainEqual({ id: row.id, createdAt: row.created_at });
    const fanOuts = stack.worker.app.get(QueuesService).queue(QUEUE_OF['outbox.fan-out']);
    const job = await fanOuts.getJob(fanOutJobId({ id: row.id, createdAt: row.created_at }));
    expect(job?.data).toEqual({ outboxId: row.id });
  });

  it('reads the table when a notification names no row', async () => {
    const { subscriptionId, eventId } = await subscribeAndPublish();
    await delivered(subscriptionId, 'event.published');
    // A row committed without its own notice (as an older build wrote them), then a bare NOTIFY.
    await db.query(
      `INSERT INTO outbox_entries (type, event_id, event_version, payload)
       SELECT 'event.updated', event_id, event_version, payload FROM outbox_entries WHERE event_id = $1`,
      [eventId],
    );
    await db.query(`NOTIFY outbox, ''`);
    const hook = await delivered(subscriptionId, 'event.updated');
    expect(hook.json.data.event.id).toBe(eventId);
  });

  it('ignores payloads that are not a row', () => {
    expect(parseOutboxNotice('')).toBeNull();
    expect(parseOutboxNotice(undefined)).toBeNull();
    expect(parseOutboxNotice('12 abc')).toBeNull();
    expect(parseOutboxNotice('12 1764547200000 extra')).toBeNull();
    expect(parseOutboxNotice('12 1764547200000')).toEqual({ id: '12', createdAt: new Date(1764547200000) });
  });
});
