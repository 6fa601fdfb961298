import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, summarizeFilter, toApiFilter, toEventsQuery } from './filter';

describe('filter builder → filter and query', () => {
  it('leaves unused fields out: an empty builder matches everything', () => {
    expect(toApiFilter(EMPTY_FILTER)).toEqual({});
    expect(summarizeFilter({})).toBe('everything');
  });

  it('sends trimmed, de-duplicated values; tags lower-cased; "all" only with two actors or more', () => {
    const filter = toApiFilter({
      ...EMPTY_FILTER,
      actors: ['CN', ' CN', 'US'],
      actorsMode: 'all',
      tags: ['Tariffs'],
      from: ' 2025-04 ',
      q: '  ',
    });
    expect(filter).toEqual({ actors: ['CN', 'US'], actorsMode: 'all', tags: ['tariffs'], from: '2025-04' });
    expect(toApiFilter({ ...EMPTY_FILTER, actors: ['CN'], actorsMode: 'all' })).toEqual({ actors: ['CN'] });
  });

  it('gives the same filter as /v1/events query parameters', () => {
    const query = toEventsQuery({ actors: ['CN', 'US'], tags: ['tariffs'], kinds: ['talks'], to: '2025', relatedTo: ['liberation-day'] });
    expect(query.toString()).toBe('actor=CN&actor=US&tag=tariffs&kind=talks&to=2025&relatedTo=liberation-day');
    expect(summarizeFilter({ actors: ['CN', 'US'], actorsMode: 'all', tags: ['tariffs'] })).toBe('actors CN and US · tags tariffs');
  });
});
