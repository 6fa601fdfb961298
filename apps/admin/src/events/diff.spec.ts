import { describe, expect, it } from 'vitest';
import { conflictOf, diffEvents, patchOf } from './diff';
import type { EventView } from './types';

const base = {
  id: 'e1',
  title: 'Tariffs announced',
  date: '2025-04',
  endDate: null,
  kind: 'tariff_action',
  summary: 'First text',
  actors: [{ code: 'US', name: 'United States', role: 'initiator' }],
  tags: ['tariffs'],
  sources: [{ url: 'https://example.org/a', publisher: 'Wire', title: null, publishedAt: null, quote: null }],
  status: 'draft',
  statusReason: null,
  version: 3,
} as unknown as EventView;

describe('revision diff', () => {
  it('lists the fields that differ between two versions, and nothing else', () => {
    const next = { ...base, summary: 'Second text', tags: ['tariffs', 'steel'], status: 'published' } as EventView;
    const changes = diffEvents(base, next);
    expect(changes.map((c) => c.field)).toEqual(['summary', 'tags', 'status']);
    expect(changes[1]).toEqual({ field: 'tags', before: ['tariffs'], after: ['steel', 'tariffs'] });
  });

  it('treats blank optional values and null alike (no phantom changes)', () => {
    const same = { ...base, endDate: '', sources: [{ url: 'https://example.org/a', publisher: 'Wire', title: '', quote: undefined }] };
    expect(diffEvents(base, same as unknown as EventView)).toEqual([]);
  });

  it('builds a PATCH of the edited fields only', () => {
    expect(patchOf(base, { ...base, title: 'Tariffs announced (corrected)' } as never)).toEqual({ title: 'Tariffs announced (corrected)' });
  });

  it('names the fields both the editor and someone else changed in a stale save', () => {
    const current = { ...base, summary: 'Their text', version: 4 } as EventView;
    const conflict = conflictOf(base, current, { ...base, summary: 'My text', title: 'Mine' } as never);
    expect(conflict.theirs.map((c) => c.field)).toEqual(['summary']);
    expect(conflict.mine).toEqual({ title: 'Mine', summary: 'My text' });
    expect(conflict.overlapping).toEqual(['summary']);
  });
});
