import { describe, expect, it } from 'vitest';
import { ValidationError, type EventInput, type FieldError } from '@app/domain';
import { normalizeEventInput, normalizeEventPatch } from './event-input';

const base = (over: Partial<EventInput> = {}): EventInput => ({
  title: "  Trump's 145% tariffs on China  ",
  summary: ' The US raises tariffs. ',
  kind: 'tariff_action',
  date: '2025-04',
  actors: [{ code: 'US', role: 'initiator' }],
  tags: ['Tariffs'],
  sources: [{ url: 'https://www.reuters.com/world/145', publisher: ' Reuters ' }],
  ...over,
});

function fieldErrorsOf(fn: () => unknown): FieldError[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).errors;
  }
  throw new Error('expected a ValidationError');
}

describe('normalizeEventInput', () => {
  it('normalises a valid event: trimmed, slugged, published by default', () => {
    const event = normalizeEventInput(base());
    expect(event).toMatchObject({
      title: "Trump's 145% tariffs on China",
      normalizedTitle: 'trump s 145 tariffs on china',
      slug: '2025-04-trump-s-145-percent-tariffs-on-china',
      summary: 'The US raises tariffs.',
      status: 'published',
      endDate: null,
      tags: [{ slug: 'tariffs', name: 'Tariffs' }],
      sources: [{ url: 'https://www.reuters.com/world/145', publisher: 'Reuters' }],
    });
    expect(event.date.precision).toBe('month');
  });

  it('refuses a published event without a source', () => {
    expect(fieldErrorsOf(() => normalizeEventInput(base({ sources: [] })))).toEqual([{ path: 'sources', message: expect.any(String) }]);
    expect(fieldErrorsOf(() => normalizeEventInput(base({ sources: undefined, status: 'published' })))[0].path).toBe('sources');
  });

  it('accepts a draft without a source', () => {
    const event = normalizeEventInput(base({ sources: undefined, status: 'draft' }));
    expect(event.status).toBe('draft');
    expect(event.sources).toEqual([]);
  });

  it('refuses an end date before the date', () => {
    expect(fieldErrorsOf(() => normalizeEventInput(base({ date: '2025-05-07', endDate: '2025-05-06' })))).toEqual([
      { path: 'endDate', message: 'must not be before date' },
    ]);
  });

  it('accepts an end date at another precision after the date', () => {
    const event = normalizeEventInput(base({ date: '2025-04-02', endDate: '2025-05' }));
    expect(event.endDate?.precision).toBe('month');
  });

  it('refuses dates that are not in the calendar, naming the field', () => {
    const errors = fieldErrorsOf(() => normalizeEventInput(base({ date: '2025-02-30', endDate: '2025-13' })));
    expect(errors.map((e) => e.path)).toEqual(['date', 'endDate']);
  });

  it.each(['not a url', 'ftp://example.org/file', 'javascript:alert(1)', '//example.org/x'])('refuses the source URL %j', (url) => {
    expect(fieldErrorsOf(() => normalizeEventInput(base({ sources: [{ url, publisher: 'X' }] })))[0]).toEqual({
      path: 'sources[0].url',
      message: 'must be an http(s) URL',
    });
  });

  it('refuses a source URL listed twice, even spelled differently', () => {
    const sources = [
      { url: 'https://Example.org/a', publisher: 'X' },
      { url: 'https://example.org/a', publisher: 'Y' },
    ];
    expect(fieldErrorsOf(() => normalizeEventInput(base({ sources })))).toEqual([{ path: 'sources[1].url', message: 'is listed twice' }]);
  });

  it('reads a source publication day and refuses one that is not in the calendar', () => {
    const ok = normalizeEventInput(base({ sources: [{ url: 'https://example.org/a', publisher: 'X', publishedAt: '2025-05-04' }] }));
    expect(ok.sources[0].publishedAt?.toISOString()).toBe('2025-05-04T00:00:00.000Z');
    for (const publishedAt of ['2025-02-30', 'soon', '2025-02-30T10:00:00Z']) {
      expect(
        fieldErrorsOf(() => normalizeEventInput(base({ sources: [{ url: 'https://example.org/a', publisher: 'X', publishedAt }] })))[0]
          .path,
      ).toBe('sources[0].publishedAt');
    }
  });

  it('slugs tags and keeps one per slug', () => {
    const event = normalizeEventInput(base({ tags: ['Trade War', 'trade-war', ' Tariffs ', 'Café'] }));
    expect(event.tags).toEqual([
      { slug: 'trade-war', name: 'Trade War' },
      { slug: 'tariffs', name: 'Tariffs' },
      { slug: 'cafe', name: 'Café' },
    ]);
  });

  it('uses a given slug, slugged', () => {
    expect(normalizeEventInput(base({ slug: 'my-own-slug' })).slug).toBe('my-own-slug');
  });

  it('refuses a blank title', () => {
    expect(fieldErrorsOf(() => normalizeEventInput(base({ title: '   ' })))).toContainEqual({
      path: 'title',
      message: 'must not be empty',
    });
  });
});

describe('normalizeEventPatch', () => {
  it('keeps only the fields sent', () => {
    expect(normalizeEventPatch({ summary: ' new ' })).toEqual({ summary: 'new' });
  });

  it('recomputes the normalised title with the title', () => {
    expect(normalizeEventPatch({ title: 'Liberation Day!' })).toEqual({ title: 'Liberation Day!', normalizedTitle: 'liberation day' });
  });

  it('clears the end date with null and checks it against a new date', () => {
    expect(normalizeEventPatch({ endDate: null })).toEqual({ endDate: null });
    expect(fieldErrorsOf(() => normalizeEventPatch({ date: '2025-05', endDate: '2025-04' }))[0].path).toBe('endDate');
  });

  it('checks sources as on create', () => {
    expect(fieldErrorsOf(() => normalizeEventPatch({ sources: [{ url: 'nope', publisher: 'X' }] }))[0].path).toBe('sources[0].url');
  });
});
