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

beforeAll(async () => {
  buildAdminUi();
  env = await createTestEnv({
    WEBHOOK_RETRY_SCHEDULE: '0s,200ms',
    WEBHOOK_RETRY_JITTER: '0',
    WEBHOOK_TIMEOUT_MS: '1000',
    OUTBOX_SWEEP_INTERVAL: '500ms',
  });
  api = await startApi();
  worker = await startWorker();
  await receiver.start();
  admin = client(api.url, env.adminKey);
  ui = await openBrowser(api.url);
}, 120_000);

afterAll(async () => {
  await ui?.close();
  await worker?.close();
  await api?.close();
  await receiver.close();
});

describe('admin UI in a real browser', () => {
  it('serves the UI at /admin with deep links, and leaves /admin/queues to the queue dashboard', async () => {
    const deep = await fetch(`${api.url}/admin/events/some-id/history`);
    expect(deep.status).toBe(200);
    const html = await deep.text();
    expect(html).toContain('<div id="root">');
    const script = /src="(\/admin\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    const asset = await fetch(`${api.url}${script}`);
    expect(asset.status, await asset.clone().text()).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const queues = await fetch(`${api.url}/admin/queues`);
    expect(queues.status).toBe(401);
    expect(queues.headers.get('content-type')).toContain('problem+json');
  });

  it('refuses a wrong key with a clear message, and signs in with the right one', async () => {
    const { page } = ui;
    await signIn(page, 'not-a-real-key');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not accepted');
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    await ui.screenshot('sign-in');

    await page.getByLabel('API key').fill(env.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Events by status' }).waitFor();
    expect(page.url()).not.toContain(env.adminKey);
    for (const item of ['Timeline', 'Subscriptions', 'Deliveries', 'API keys', 'Audit log']) {
      await page.getByRole('menuitem', { name: item }).waitFor();
    }
    await ui.screenshot('dashboard');
  }, 60_000);

  it('finds Liberation Day on the timeline, with dates at their precision', async () => {
    const { page } = ui;
    await page.getByRole('menuitem', { name: 'Timeline' }).click();
    await page.getByRole('heading', { name: 'Timeline', level: 1 }).waitFor();
    await page.getByRole('textbox', { name: 'Search' }).fill('Liberation Day');
    await page.waitForURL(/Liberation/);
    await expect.poll(() => page.getByRole('row').count()).toBeLessThan(10);
    const rowText = await page
      .getByRole('row', { name: /Liberation Day/ })
      .first()
      .textContent();
    expect(rowText).toContain('2 Apr 2025');
    await ui.screenshot('timeline');
  }, 60_000);

  let eventId = '';

  it('creates a draft with a month-precision date, shows API errors beside fields, then publishes it', async () => {
    const { page } = ui;
    await page.getByRole('link', { name: 'New event' }).click();
    await page.getByRole('heading', { name: 'New event', level: 1 }).waitFor();
    const title = `Browser-made tariff notice ${unique()}`;
    await page.getByLabel(/^Title/).fill(title);
    await page.getByLabel(/^Date/).fill('2025-06');
    await page.getByLabel('Summary').fill('Made by the end-to-end test.');
    await ui.screenshot('event-editor-new');
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await page.waitForURL(/\/admin\/events\/[0-9a-f-]{36}$/);
    eventId = page.url().split('/').pop()!;
    await page.getByLabel('Status: draft').waitFor();
    const draft = await admin('GET', `/v1/events/${eventId}`);
    expect(draft.body).toMatchObject({ title, status: 'draft', date: '2025-06', datePrecision: 'month' });

    // Publishing without a source is refused by the API; its message appears in the form.
    await page.getByRole('button', { name: 'Publish' }).click();
    await page
      .getByText(/source/i)
      .first()
      .waitFor();
    expect((await admin('GET', `/v1/events/${eventId}`)).body.status).toBe('draft');

    await page.locator('.ra-input-sources').getByRole('button', { name: 'Add' }).click();
    await page.getByLabel(/^URL/).fill(`https://example.org/notice-${unique()}`);
    await page.getByLabel(/^Publisher/).fill('Example Gazette');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByLabel('Status: published').waitFor();
    await ui.screenshot('event-editor');
    const published = await admin('GET', `/v1/events/${eventId}`);
    expect(published.body).toMatchObject({ status: 'published', datePrecision: 'month' });
    expect(published.body.sources).toHaveLength(1);
  }, 60_000);

  it('shows a stale save as a conflict, and reapplies the editor’s change on top of the other one', async () => {
    const { page } = ui;
    await page.goto(`/admin/events/${eventId}`);
    await page.getByLabel('Status: published').waitFor();
    const before = (await admin('GET', `/v1/events/${eventId}`)).body;
    // Someone else edits the summary meanwhile.
    const other = await admin('PATCH', `/v1/events/${eventId}`, {
      body: { summary: 'Changed by a colleague.' },
      headers: { 'if-match': `"${before.version}"` },
    });
    expect(other.status).toBe(200);
    await page.getByLabel(/^Title/).fill('Browser-made tariff notice, corrected');
    await page.getByRole('button', { name: 'Save' }).click();
    const dialog = page.getByRole('dialog', { name: 'Someone else changed this event' });
    await dialog.waitFor();
    expect(await dialog.getByRole('table', { name: 'Their changes' }).textContent()).toContain('Changed by a colleague.');
    await ui.screenshot('event-conflict');
    await dialog.getByRole('button', { name: 'Reapply my changes' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect
      .poll(async () => (await admin('GET', `/v1/events/${eventId}`)).body)
      .toMatchObject({ title: 'Browser-made tariff notice, corrected', summary: 'Changed by a colleague.' });
  }, 60_000);

  it('shows the history with a field diff, and restores an old version as a new one', async () => {
    const { page } = ui;
    await page.getByRole('link', { name: 'History' }).click();
    await page.getByRole('heading', { name: /^History:/, level: 1 }).waitFor();
    await page.getByRole('table', { name: 'Field differences' }).waitFor();
    await ui.screenshot('history');
    const versionBefore = (await admin('GET', `/v1/events/${eventId}`)).body.version;
    await page.getByRole('button', { name: 'Restore version 3' }).click();
    await expect.poll(async () => (await admin('GET', `/v1/events/${eventId}`)).body.version).toBe(versionBefore + 1);
    const restored = (await admin('GET', `/v1/events/${eventId}`)).body;
    expect(restored.summary).toBe('Made by the end-to-end test.');
  }, 60_000);

  it('creates a subscription (secret shown once), and its delivery appears in Deliveries; a failed one is retried', async () => {
    const { page } = ui;
    const tag = `ui-${unique()}`;
    let failing = true;
    receiver.responder = (hook) => ({ status: failing && hook.json?.data?.event?.tags?.includes(tag) ? 500 : 204 });
    await page.getByRole('menuitem', { name: 'Subscriptions' }).click();
    await page.getByRole('link', { name: 'New subscription' }).click();
    await page.getByLabel('Webhook URL').fill(receiver.url);
    await page.getByLabel('Tags').fill(tag);
    await page.getByLabel('Tags').press('Enter');
    await page.getByRole('list', { name: 'Preview of matching events' }).getByText('No published event matches yet.').waitFor();
    await ui.screenshot('subscription-new');
    await page.getByRole('button', { name: 'Create subscription' }).click();
    const secret = await page.getByRole('textbox', { name: 'Signing secret' }).inputValue();
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('heading', { name: /^Subscription:/, level: 1 }).waitFor();
    await ui.screenshot('subscription');

    const created = await admin('POST', '/v1/events', {
      body: {
        title: `Delivered to the browser test ${unique()}`,
        kind: 'statement',
        date: '2025-07-01',
        actors: [{ code: 'CN', role: 'initiator' }],
        tags: [tag],
        sources: [{ url: `https://example.org/${unique()}`, publisher: 'Example' }],
      },
    });
    expect(created.status).toBe(201);
    const failed = await waitFor(async () => {
      const list = await admin('GET', '/v1/deliveries?status=failed');
      return list.body.data.find((d: { eventId: string }) => d.eventId === created.body.id);
    }, 20_000);

    await page.getByRole('menuitem', { name: 'Deliveries' }).click();
    await page.getByRole('heading', { name: 'Deliveries', level: 1 }).waitFor();
    const retry = page.getByRole('button', { name: `Retry delivery ${failed.id}` });
    await retry.waitFor();
    await ui.screenshot('deliveries');
    failing = false;
    await retry.click();
    await waitFor(async () => (await admin('GET', `/v1/deliveries/${failed.id}`)).body.status === 'succeeded', 20_000);
    expect(receiver.received.filter((h) => h.json?.data?.event?.id === created.body.id).length).toBeGreaterThanOrEqual(2);
  }, 90_000);

  it('merges a duplicate after confirmation', async () => {
    const { page } = ui;
    const mk = (title: string, url: string) =>
      admin('POST', '/v1/events', {
        body: {
          title,
          kind: 'tariff_action',
          date: '2025-08-04',
          actors: [{ code: 'US', role: 'initiator' }],
          tags: ['tariffs'],
          sources: [{ url, publisher: 'Wire' }],
        },
      });
    const keep = await mk('US raises tariffs on imported steel to 50 percent', `https://example.org/steel-${unique()}`);
    const dupe = await mk('U.S. raises tariffs on imported steel to 50%', `https://example.org/steel-${unique()}`);
    expect([keep.status, dupe.status]).toEqual([201, 201]);
    await page.goto(`/admin/events/${keep.body.id}/duplicates`);
    await page.getByRole('heading', { name: /^Duplicates & suggestions/, level: 1 }).waitFor();
    const merge = page.getByRole('button', { name: `Merge ${dupe.body.title} into this event` });
    await merge.waitFor();
    await ui.screenshot('duplicates');
    await merge.click();
    await page.getByRole('dialog', { name: 'Merge duplicate?' }).getByRole('button', { name: 'Confirm merge' }).click();
    await expect.poll(async () => (await admin('GET', `/v1/events/${dupe.body.id}`)).body.status).toBe('merged');
  }, 60_000);

  it('shows API keys and the audit log to an admin, and a subscriber only its subscriptions and deliveries', async () => {
    const { page } = ui;
    await page.getByRole('menuitem', { name: 'API keys' }).click();
    await page.getByRole('heading', { name: 'API keys', level: 1 }).waitFor();
    await page.getByLabel('Key name').fill('browser subscriber');
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = await page.getByRole('textbox', { name: 'New API key' }).inputValue();
    await page.getByRole('cell', { name: 'browser subscriber' }).first().waitFor();
    await ui.screenshot('api-keys');
    await page.getByRole('menuitem', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    await page
      .getByRole('cell', { name: 'event.merged' })
      .or(page.getByRole('cell', { name: /merge/ }))
      .first()
      .waitFor();
    await ui.screenshot('audit-log');

    // A subscriber key (role chosen on creation) sees no timeline and no key management.
    const sub = await admin('POST', '/v1/api-keys', { body: { name: 'menu check', role: 'subscriber' } });
    expect(key).toBeTruthy();
    await page.evaluate('sessionStorage.clear()');
    await signIn(page, sub.body.key);
    await page.getByRole('menuitem', { name: 'Subscriptions' }).waitFor();
    expect(await page.getByRole('menuitem', { name: 'Timeline' }).count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: 'API keys' }).count()).toBe(0);
    expect(ui.consoleErrors(), ui.consoleErrors().join('\n')).toEqual([]);
  }, 60_000);
});
