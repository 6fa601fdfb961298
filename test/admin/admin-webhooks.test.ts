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
} from '../support/harness';
import { WebhookReceiver } from '../support/receiver';
import { buildAdminUi, openBrowser, signIn, type AdminBrowser } from './browser';

let env: TestEnv;
let api: RunningApi;
let worker: RunningWorker;
let ui: AdminBrowser;
let admin: ReturnType<typeof client>;
const receiver = new WebhookReceiver();
const unique = () => Math.random().toString(36).slice(2, 8);
let subscriptionId = '';

beforeAll(async () => {
  buildAdminUi();
  env = await createTestEnv({ WEBHOOK_RETRY_SCHEDULE: '0s,200ms', WEBHOOK_RETRY_JITTER: '0', OUTBOX_SWEEP_INTERVAL: '500ms' });
  api = await startApi();
  worker = await startWorker();
  await receiver.start();
  admin = client(api.url, env.adminKey);
  ui = await openBrowser(api.url);
  await ui.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: api.url });
}, 120_000);

afterAll(async () => {
  await ui?.close();
  await worker?.close();
  await api?.close();
  await receiver.close();
});

const toasts = () => ui.page.getByRole('alert');

describe('admin UI: a subscription’s life and its deliveries', () => {
  it('builds a filter with a live preview, creates the subscription and copies its secret', async () => {
    const { page } = ui;
    await signIn(page, env.adminKey);
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await page.getByRole('menuitem', { name: 'Subscriptions' }).click();
    await page.getByRole('link', { name: 'New subscription' }).click();
    await page.getByRole('heading', { name: 'New subscription', level: 1 }).waitFor();
    await page.getByLabel('Webhook URL').fill(receiver.url);

    // The preview is what the API's preview answers for the filter being built.
    await page.getByLabel('Kinds').click();
    await page.getByRole('option', { name: 'talks' }).click();
    await page.getByLabel('From date').fill('2025');
    const expected = await admin('POST', '/v1/subscriptions/preview?limit=10', { body: { filter: { kinds: ['talks'], from: '2025' } } });
    expect(expected.body.data.length).toBeGreaterThan(0);
    const preview = page.getByRole('list', { name: 'Preview of matching events' });
    await preview.getByText(expected.body.data[0].title).waitFor();
    await page.getByLabel('Kinds').press('Escape');

    await page.getByRole('button', { name: 'Create subscription' }).click();
    const secret = await page.getByRole('textbox', { name: 'Signing secret' }).inputValue();
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(secret);
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('heading', { name: `Subscription: ${receiver.url}`, level: 1 }).waitFor();
    subscriptionId = page.url().split('/').at(-2)!;
    const stored = await admin('GET', `/v1/subscriptions/${subscriptionId}`);
    expect(stored.body).toMatchObject({ url: receiver.url, status: 'active', filter: { kinds: ['talks'], from: '2025' } });
    expect(await page.getByText('Filter:').textContent()).toContain('talks');
  }, 60_000);

  it('sends a test, and shows the delivery’s attempts (status code, duration, response) filtered by subscription', async () => {
    const { page } = ui;
    // A 200 with a body, so the attempt has a response snippet to show (a 204 has none).
    receiver.responder = () => ({ status: 200 });
    await page.getByRole('button', { name: 'Send test' }).click();
    await toasts().filter({ hasText: 'Test delivery sent' }).waitFor();
    await waitFor(() => receiver.received.some((h) => h.json?.type === 'subscription.test'), 15_000);
    await waitFor(async () => {
      const list = await admin('GET', `/v1/deliveries?subscriptionId=${subscriptionId}&status=succeeded`);
      return list.body.data.length === 1;
    }, 15_000);

    await page.getByRole('link', { name: 'Deliveries' }).click();
    await page.getByRole('heading', { name: 'Deliveries', level: 1 }).waitFor();
    expect(page.url()).toContain(subscriptionId);
    await page.getByRole('status').filter({ hasText: 'Rows 1–1' }).waitFor();
    await page.getByRole('button', { name: /^Show attempts of delivery/ }).click();
    const attempts = page.getByRole('table', { name: 'Attempts' });
    await attempts.waitFor();
    const text = await attempts.textContent();
    expect(text).toContain('200');
    expect(text).toMatch(/\d+ ms/);
    expect(text).toContain('ok');
    await ui.screenshot('delivery-attempts');

    // No failed delivery for this subscription.
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'failed' }).click();
    await page.getByRole('status').filter({ hasText: 'No rows' }).waitFor();
    await page.goBack();
    await page.getByRole('status').filter({ hasText: 'Rows 1–1' }).waitFor();
  }, 60_000);

  it('pauses and enables, rotates the secret, and replays a time range', async () => {
    const { page } = ui;
    await page.goto(`/admin/subscriptions/${subscriptionId}/show`);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('button', { name: 'Enable' }).waitFor();
    expect((await admin('GET', `/v1/subscriptions/${subscriptionId}`)).body.status).toBe('paused');
    await page.getByRole('button', { name: 'Enable' }).click();
    await page.getByRole('button', { name: 'Pause' }).waitFor();
    expect((await admin('GET', `/v1/subscriptions/${subscriptionId}`)).body.status).toBe('active');

    await page.getByRole('button', { name: 'Rotate secret' }).click();
    const rotated = await page.getByRole('textbox', { name: 'New signing secret' }).inputValue();
    expect(rotated).toMatch(/^whsec_/);
    await page.getByRole('region', { name: 'New signing secret' }).getByRole('button', { name: 'Done' }).click();
    await page.getByRole('textbox', { name: 'New signing secret' }).waitFor({ state: 'detached' });

    // An event the filter matches is delivered; replaying the last day sends it again.
    const created = await admin('POST', '/v1/events', {
      body: {
        title: `Talks resume in the browser test ${unique()}`,
        kind: 'talks',
        date: '2025-09-01',
        actors: [{ code: 'US', role: 'participant' }],
        tags: ['talks'],
        sources: [{ url: `https://example.org/talks-${unique()}`, publisher: 'Wire' }],
      },
    });
    expect(created.status).toBe(201);
    const forEvent = () => receiver.received.filter((h) => h.json?.data?.event?.id === created.body.id);
    await waitFor(() => forEvent().length === 1, 20_000);
    await page.getByRole('button', { name: 'Replay' }).click();
    await toasts()
      .filter({ hasText: /deliveries queued again/ })
      .waitFor();
    await waitFor(() => forEvent().length === 2, 20_000);
    expect(forEvent()[1].headers['webhook-id']).toBe(forEvent()[0].headers['webhook-id']);
    await ui.screenshot('subscription-actions');
  }, 60_000);

  it('shows a subscriber only its own subscriptions', async () => {
    const { page } = ui;
    const sub = await admin('POST', '/v1/api-keys', { body: { name: `subscriber ${unique()}`, role: 'subscriber' } });
    expect(sub.status).toBe(201);
    const own = await client(api.url, sub.body.key)('POST', '/v1/subscriptions', {
      body: { url: `${receiver.url}/own`, types: ['event.published'], filter: {} },
    });
    expect(own.status).toBe(201);
    await page.getByRole('button', { name: 'Profile' }).click();
    await page.getByRole('menuitem', { name: 'Logout' }).click();
    await signIn(page, sub.body.key);
    await page.getByRole('heading', { name: 'Welcome', level: 1 }).waitFor();
    await page.getByRole('menuitem', { name: 'Subscriptions' }).click();
    await page.getByRole('link', { name: `${receiver.url}/own` }).waitFor();
    expect(await page.getByRole('link', { name: receiver.url, exact: true }).count()).toBe(0);
    await page.getByRole('menuitem', { name: 'Deliveries' }).click();
    await page.getByRole('heading', { name: 'Deliveries', level: 1 }).waitFor();
    expect(await page.getByRole('menuitem', { name: 'Audit log' }).count()).toBe(0);
  }, 60_000);

  it('deletes a subscription after confirmation', async () => {
    const { page } = ui;
    await page.evaluate('sessionStorage.clear()');
    await signIn(page, env.adminKey);
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await page.goto(`/admin/subscriptions/${subscriptionId}/show`);
    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this subscription?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await admin('GET', `/v1/subscriptions/${subscriptionId}`)).status).toBe(200);
    await page.getByRole('button', { name: 'Delete' }).click();
    await dialog.getByRole('button', { name: 'Confirm delete' }).click();
    await page.getByRole('heading', { name: 'Subscriptions', level: 1 }).waitFor();
    expect((await admin('GET', `/v1/subscriptions/${subscriptionId}`)).status).toBe(404);
    expect(ui.consoleErrors(), ui.consoleErrors().join('\n')).toEqual([]);
  }, 60_000);
});
