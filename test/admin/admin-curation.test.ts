import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestEnv, startApi, type RunningApi, type TestEnv } from '../support/harness';
import { buildAdminUi, openBrowser, signIn, type AdminBrowser } from './browser';

let env: TestEnv;
let api: RunningApi;
let ui: AdminBrowser;
let admin: ReturnType<typeof client>;
const unique = () => Math.random().toString(36).slice(2, 8);

interface Relation {
  id: string;
  type: string;
  status: string;
  event: { id: string };
}

async function createEvent(title: string, date: string) {
  const created = await admin('POST', '/v1/events', {
    body: {
      title,
      kind: 'retaliation',
      date,
      actors: [
        { code: 'CN', role: 'initiator' },
        { code: 'JP', role: 'target' },
      ],
      tags: ['export-controls'],
      sources: [{ url: `https://example.org/${unique()}`, publisher: 'Wire' }],
    },
  });
  expect(created.status).toBe(201);
  return created.body as { id: string; title: string };
}

const relationsOf = async (id: string): Promise<Relation[]> => (await admin('GET', `/v1/events/${id}`)).body.relations;

beforeAll(async () => {
  buildAdminUi();
  env = await createTestEnv();
  api = await startApi();
  admin = client(api.url, env.adminKey);
  ui = await openBrowser(api.url);
  await signIn(ui.page, env.adminKey);
  await ui.page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
}, 120_000);

afterAll(async () => {
  await ui?.close();
  await api?.close();
});

describe('admin UI: relations, suggestions and key revocation', () => {
  it('finds an event, chooses the relation type, adds the relation and removes it', async () => {
    const { page } = ui;
    const word = `Zephyrine${unique()}`;
    const from = await createEvent(`Rare earth export limits answer ${word} chip rules`, '2025-10-09');
    const to = await createEvent(`${word} chip export rules tightened`, '2025-09-29');
    await page.goto(`/admin/events/${from.id}`);
    await page.getByRole('heading', { name: `Edit: ${from.title}`, level: 1 }).waitFor();

    await page.getByRole('combobox', { name: 'Find an event' }).fill(word);
    await page.getByRole('option', { name: new RegExp(`^${to.title}`) }).click();
    await page.getByRole('combobox', { name: 'Relation type' }).click();
    await page.getByRole('option', { name: 'responds to' }).click();
    await page.getByRole('button', { name: 'Add relation' }).click();
    const relations = page.getByRole('region', { name: 'Relations' });
    await relations.getByRole('link', { name: to.title }).waitFor();
    expect(await relations.textContent()).toContain('responds to');
    await ui.screenshot('event-relations');
    const added = await relationsOf(from.id);
    expect(added).toEqual([
      expect.objectContaining({ type: 'responds_to', status: 'confirmed', event: expect.objectContaining({ id: to.id }) }),
    ]);

    await relations.getByRole('button', { name: 'Remove' }).click();
    await relations.getByText('No relations yet.').waitFor();
    expect(await relationsOf(from.id)).toEqual([]);
  }, 60_000);

  it('confirms a suggested relation in the editor', async () => {
    const { page } = ui;
    const from = await createEvent(`Tokyo answers Beijing gallium curbs ${unique()}`, '2025-11-03');
    const to = await createEvent(`Beijing gallium curbs widen ${unique()}`, '2025-10-20');
    const suggested = await admin('POST', `/v1/events/${from.id}/relations`, {
      body: { type: 'escalates', to: to.id, status: 'suggested' },
    });
    expect(suggested.status).toBeLessThan(300);
    await page.goto(`/admin/events/${from.id}`);
    const relations = page.getByRole('region', { name: 'Relations' });
    await relations.getByText('— suggested').waitFor();
    await relations.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(async () => (await relationsOf(from.id)).map((r) => r.status)).toEqual(['confirmed']);
    // The editor shows it once its refetch lands, which can come after the API already answers 'confirmed'.
    await expect.poll(async () => await relations.textContent()).not.toContain('suggested');
    await relations.getByRole('button', { name: 'Confirm' }).waitFor({ state: 'detached' });
  }, 60_000);

  it('confirms or rejects the relations the API suggests, beside the duplicates', async () => {
    const { page } = ui;
    const base = await createEvent(`Beijing bans dual-use exports to Tokyo ${unique()}`, '2026-01-06');
    await createEvent(`Tokyo protests Beijing dual-use export ban ${unique()}`, '2026-01-08');
    await createEvent(`Beijing widens dual-use export ban on Tokyo ${unique()}`, '2026-01-12');
    await page.goto(`/admin/events/${base.id}/duplicates`);
    await page.getByRole('heading', { name: /^Duplicates & suggestions/, level: 1 }).waitFor();
    const table = page.getByRole('table', { name: 'Suggested relations' });
    await table.getByRole('button', { name: 'Confirm' }).first().waitFor();
    const before = await table.getByRole('button', { name: 'Confirm' }).count();
    expect(before).toBeGreaterThanOrEqual(2);
    await ui.screenshot('suggestions');

    await table.getByRole('button', { name: 'Reject' }).first().click();
    await expect.poll(() => table.getByRole('button', { name: 'Confirm' }).count()).toBe(before - 1);
    expect(await relationsOf(base.id)).toEqual([]);

    await table.getByRole('button', { name: 'Confirm' }).first().click();
    await expect.poll(async () => (await relationsOf(base.id)).length).toBe(1);
    expect((await relationsOf(base.id))[0].status).toBe('confirmed');
  }, 60_000);

  it('revokes an API key after confirmation; the key is refused from then on', async () => {
    const { page } = ui;
    const name = `revoke me ${unique()}`;
    await page.getByRole('menuitem', { name: 'API keys' }).click();
    await page.getByRole('heading', { name: 'API keys', level: 1 }).waitFor();
    await page.getByLabel('Key name').fill(name);
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = await page.getByRole('textbox', { name: 'New API key' }).inputValue();
    expect((await admin('GET', '/v1/me', { key })).status).toBe(200);

    await page.getByRole('button', { name: `Revoke ${name}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke this key?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await admin('GET', '/v1/me', { key })).status).toBe(200);

    await page.getByRole('button', { name: `Revoke ${name}` }).click();
    await dialog.getByRole('button', { name: 'Confirm revoke' }).click();
    await page
      .getByRole('row', { name: new RegExp(name) })
      .getByText('revoked')
      .waitFor();
    expect((await admin('GET', '/v1/me', { key })).status).toBe(401);
    expect(ui.consoleErrors(), ui.consoleErrors().join('\n')).toEqual([]);
  }, 60_000);
});
