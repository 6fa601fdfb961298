import { Webhook } from 'standardwebhooks';
import { afterAll, describe, expect, it } from 'vitest';
import { client, createTestEnv, startApi, startWorker, waitFor, type RunningApi, type RunningWorker } from './support/harness';
import { WebhookReceiver } from './support/receiver';

const receiver = new WebhookReceiver();
let running: { api: RunningApi; worker: RunningWorker } | undefined;

async function start() {
  const api = await startApi();
  const worker = await startWorker();
  running = { api, worker };
  return { api, worker };
}
async function stopRunning() {
  await running?.worker.close();
  await running?.api.close();
  running = undefined;
}
afterAll(async () => {
  await stopRunning();
  await receiver.close();
});

/** Subscribes to CN, publishes a China event, and returns the verified delivery's event id. */
async function publishAndReceive(api: RunningApi, adminKey: string, title: string): Promise<string> {
  const admin = client(api.url, adminKey);
  const sub = await admin('POST', '/v1/subscriptions', { body: { url: receiver.url, filter: { actors: ['CN'] } } });
  expect(sub.status).toBe(201);
  const event = await admin('POST', '/v1/events', {
    body: {
      title,
      kind: 'trade_measure',
      date: '2025-06',
      actors: [{ code: 'CN', role: 'initiator' }],
      sources: [{ url: `https://example.org/${encodeURIComponent(title)}`, publisher: 'Reuters' }],
    },
  });
  expect(event.status).toBe(201);
  // Well inside STUCK_DELIVERY_AFTER (60 s by default): the relay's own job must deliver it, not a sweep.
  const hook = await waitFor(() => receiver.received.find((h) => h.json?.data?.subscriptionId === sub.body.id), 10_000);
  const verified = new Webhook(sub.body.secret).verify(hook.body, hook.headers as Record<string, string>) as {
    data: { event: { id: string } };
  };
  return verified.data.event.id;
}

describe('a database created anew while Redis keeps its queue', () => {
  it('delivers at once, though the new outbox ids repeat the old ones', async () => {
    await receiver.start();
    const first = await createTestEnv();
    const { api } = await start();
    const firstId = await publishAndReceive(api, first.adminKey, 'China widens export licensing on gallium');
    await stopRunning();

    // A second database cloned from the same template: its outbox sequence starts where the first one's did,
    // and the queue prefix is the first one's, whose finished fan-out jobs are still in Redis.
    const second = await createTestEnv({ QUEUE_PREFIX: first.queuePrefix });
    const again = await start();
    const secondId = await publishAndReceive(again.api, second.adminKey, 'China widens export licensing on germanium');
    expect(secondId).not.toBe(firstId);
  }, 60_000);
});
