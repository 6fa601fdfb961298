import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestEnv, startApi, type RunningApi, type TestEnv } from '../support/harness';
import { buildAdminUi, openBrowser, type AdminBrowser } from './browser';

const GENERATED = 10_000;
const KINDS = ['tariff_action', 'trade_measure', 'statement', 'meeting', 'talks', 'agreement', 'retaliation', 'other'];
const ACTORS = ['US', 'CN', 'JP'];

let env: TestEnv;
let api: RunningApi;
let ui: AdminBrowser;
let admin: ReturnType<typeof client>;

/**
 * 10,000 published events, 2000–2017 (before the seeded ones), at year, month or day precision, with an
 * actor and a tag, written in one SQL statement: the API's bulk path writes a revision, an audit entry and
 * an outbox row per event, which takes minutes on a small machine, and the reads under test are the same.
 */
async function generateEvents(databaseUrl: string, count: number): Promise<void> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(`INSERT INTO tags (slug, name) VALUES ('generated', 'generated') ON CONFLICT DO NOTHING`);
    await db.query(
      `WITH g AS (
         SELECT i, gen_random_uuid() AS id, make_date(2000 + i % 18, 1 + i % 12, 1 + i % 28) AS day,
                (ARRAY['year','month','day'])[1 + i % 3]::"DatePrecision" AS precision
         FROM generate_series(0, $1 - 1) AS i
       ), e AS (
         INSERT INTO events (id, slug, title, normalized_title, summary, kind, date, date_precision, status, updated_at, published_at)
         SELECT id, 'generated-trade-notice-' || i, 'Generated trade notice number ' || i, 'generated trade notice number ' || i,
                'Generated for the admin UI at scale (' || i || ').', ($2::text[])[1 + i % 8]::"EventKind",
                CASE precision WHEN 'year' THEN date_trunc('year', day)::date WHEN 'month' THEN date_trunc('month', day)::date ELSE day END,
                precision, 'published'::"EventStatus", now(), now()
         FROM g RETURNING id, slug
       ), a AS (
         INSERT INTO event_actors (event_id, actor_code, role)
         SELECT g.id, ($3::text[])[1 + g.i % 3], 'initiator'::"ActorRole" FROM g RETURNING event_id
       )
       INSERT INTO event_tags (event_id, tag_slug) SELECT id, 'generated' FROM g`,
      [count, KINDS, ACTORS],
    );
  } finally {
    await db.end();
  }
}

/** The titles the API lists for the timeline's default filter (what the UI must show, in this order). */
async function apiTitles(query: string): Promise<{ titles: string[]; nextCursor: string | null }> {
  const page = await admin('GET', `/v1/events?status=draft&status=published&status=retracted&limit=50${query}`);
  expect(page.status).toBe(200);
  return { titles: page.body.data.map((e: { title: string }) => e.title), nextCursor: page.body.nextCursor };
}

/** The titles in the timeline's rows, read from the accessibility tree's cells (column 2 is Title). */
const uiTitles = async () => {
  const rows = await ui.page.locator('tbody tr').all();
  return Promise.all(rows.map(async (row) => ((await row.getByRole('cell').nth(1).textContent()) ?? '').trim()));
};

beforeAll(async () => {
  buildAdminUi();
  env = await createTestEnv();
  api = await startApi();
  admin = client(api.url, env.adminKey);
  await generateEvents(env.databaseUrl, GENERATED);
  ui = await openBrowser(api.url);
}, 300_000);

afterAll(async () => {
  await ui?.close();
  await api?.close();
});

describe(`admin UI over the seeded timeline plus ${GENERATED.toLocaleString('en')} generated events`, () => {
  it('signs in with the keyboard alone', async () => {
    const { page } = ui;
    await page.goto('/admin/');
    const input = page.getByLabel('API key');
    await input.waitFor({ timeout: 30_000 });
    // The key input has the focus on arrival; Enter submits.
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('api-key');
    await page.keyboard.type(env.adminKey);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    const events = page.getByRole('region', { name: 'Events by status' });
    await expect
      .poll(async () => Number((await events.textContent())?.match(/published([\d,]+)/)?.[1].replace(/,/g, '')))
      .toBeGreaterThan(GENERATED);
  }, 60_000);

  it('lists the timeline newest first from the server, a page at a time', async () => {
    const { page } = ui;
    // What the UI asks the API for: pages of 50 by keyset, never the 10,000 rows (timings belong in a benchmark).
    const asked: URL[] = [];
    const onRequest = (request: { url(): string }) => {
      const url = new URL(request.url());
      if (url.pathname === '/v1/events') asked.push(url);
    };
    page.on('request', onRequest);
    await page.getByRole('menuitem', { name: 'Timeline' }).click();
    await page.getByRole('status').filter({ hasText: 'Rows 1–50 · page 1' }).waitFor();
    const first = await apiTitles('');
    await expect.poll(uiTitles).toEqual(first.titles);
    expect(first.nextCursor).toBeTruthy();
    await ui.screenshot('timeline-10k');

    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByRole('status').filter({ hasText: 'Rows 51–100 · page 2' }).waitFor();
    const second = await apiTitles(`&cursor=${encodeURIComponent(first.nextCursor!)}`);
    await expect.poll(uiTitles).toEqual(second.titles);
    expect(second.titles).not.toEqual(first.titles);

    await page.getByRole('button', { name: 'Previous page' }).click();
    await page.getByRole('status').filter({ hasText: 'Rows 1–50 · page 1' }).waitFor();
    await expect.poll(uiTitles).toEqual(first.titles);
    page.off('request', onRequest);
    expect(asked.length).toBeGreaterThan(0);
    for (const url of asked) expect(Number(url.searchParams.get('limit')), url.search).toBeLessThanOrEqual(50);
    expect(asked.some((url) => url.searchParams.get('cursor') === first.nextCursor)).toBe(true);
  }, 60_000);

  it('filters by kind and date range, and pages through the filtered list', async () => {
    const { page } = ui;
    await page.getByRole('combobox', { name: 'Kind' }).click();
    await page.getByRole('option', { name: 'talks' }).click();
    await page.getByLabel('From date').fill('2010');
    await page.getByLabel('To date').fill('2011-06');
    await page.waitForURL(/2011-06/);
    const expected = await apiTitles('&kind=talks&from=2010&to=2011-06');
    await expect.poll(uiTitles).toEqual(expected.titles);
    expect(expected.titles.length).toBeGreaterThan(10);
    const rows = await page.locator('tbody tr').allInnerTexts();
    for (const row of rows) {
      expect(row).toContain('talks');
      expect(row).toMatch(/2010|2011/);
    }
    await ui.screenshot('timeline-filters');
  }, 60_000);

  it('opens an event from the list with the keyboard and retracts it with a reason', async () => {
    const { page } = ui;
    const title = (await uiTitles())[0];
    const link = page.getByRole('link', { name: title, exact: true });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `Edit: ${title}`, level: 1 }).waitFor();
    await page.getByLabel('Status: published').waitFor();
    const id = page.url().split('/').pop()!;

    await page.getByRole('button', { name: 'Retract' }).click();
    const dialog = page.getByRole('dialog', { name: 'Retract this event' });
    await expect.poll(() => dialog.getByRole('button', { name: 'Confirm retraction' }).isDisabled()).toBe(true);
    await dialog.getByLabel('Reason').fill('Generated by a test, not a real event.');
    await ui.screenshot('event-retract');
    await dialog.getByRole('button', { name: 'Confirm retraction' }).click();
    await page.getByLabel('Status: retracted').waitFor();
    await page.getByText('Retracted: Generated by a test, not a real event.').waitFor();
    const retracted = await admin('GET', `/v1/events/${id}`);
    expect(retracted.body).toMatchObject({ status: 'retracted', statusReason: 'Generated by a test, not a real event.' });
    expect(ui.consoleErrors(), ui.consoleErrors().join('\n')).toEqual([]);
  }, 60_000);
});
