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
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
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
});
