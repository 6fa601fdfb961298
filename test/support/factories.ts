import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { client } from './harness';

export type Client = ReturnType<typeof client>;

/** A short random token of lower-case letters only (safe in slugs, tags and full-text search). */
export function token(length = 8): string {
  return [...randomBytes(length)].map((b) => String.fromCharCode(97 + (b % 26))).join('');
}

/** A valid, published-ready event body; override any field. Titles and source URLs are unique. */
export function eventBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: `Test event ${token()}`,
    summary: 'A test event.',
    kind: 'statement',
    date: '2025-06',
    actors: [{ code: 'CN', role: 'initiator' }],
    tags: ['tariffs'],
    sources: [{ url: `https://example.org/${token()}`, publisher: 'Example' }],
    ...over,
  };
}

export interface CreatedEvent {
  id: string;
  slug: string;
  version: number;
  status: string;
  title: string;
  date: string;
}

/** Creates an event through the API and expects a 201. */
export async function createEvent(as: Client, over: Record<string, unknown> = {}): Promise<CreatedEvent> {
  const res = await as('POST', '/v1/events', { body: eventBody(over) });
  expect(res.status, res.text).toBe(201);
  return res.body as CreatedEvent;
}

/** Mints an API key of a role through the API (as admin) and returns the clear key. */
export async function createKey(admin: Client, role: string, name = `${role} ${token(4)}`): Promise<{ id: string; key: string }> {
  const res = await admin('POST', '/v1/api-keys', { body: { name, role } });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; key: string };
}

/** Every page of a list, following nextCursor; fails if a page repeats an id. */
export async function walkPages(as: Client, path: string, limit: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res = await as('GET', `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.data.length).toBeLessThanOrEqual(limit);
    ids.push(...res.body.data.map((e: { id: string }) => e.id));
    cursor = res.body.nextCursor as string | null;
    pages++;
    expect(pages).toBeLessThan(1000);
  } while (cursor);
  return { ids, pages };
}

export function expectProblem(res: { status: number; headers: Headers; body: any }, status: number): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
}
