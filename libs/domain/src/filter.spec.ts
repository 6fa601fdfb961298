import { describe, expect, it } from 'vitest';
import { ValidationError, type FieldError } from './errors';
import { filterToQuery, parseFilterQuery, validateFilterBody } from './filter';

function fieldErrorsOf(fn: () => unknown): FieldError[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).errors;
  }
  throw new Error('expected a ValidationError');
}

describe('parseFilterQuery', () => {
  it('is empty for an empty query', () => {
    expect(parseFilterQuery({})).toEqual({});
  });

  it('takes repeatable parameters and comma lists, trimmed and deduplicated', () => {
    expect(parseFilterQuery({ actor: ['US', 'CN,JP', ' US '] }).actors).toEqual(['US', 'CN', 'JP']);
    expect(parseFilterQuery({ actor: 'US,CN' }).actors).toEqual(['US', 'CN']);
  });

  it('lower-cases tags and accepts plural spellings', () => {
    expect(parseFilterQuery({ tags: ['Tariffs', 'trade-war'] }).tags).toEqual(['tariffs', 'trade-war']);
    expect(parseFilterQuery({ actors: 'EU' }).actors).toEqual(['EU']);
  });

  it('ignores empty values', () => {
    expect(parseFilterQuery({ actor: ',,', tag: '', q: '   ' })).toEqual({});
  });

  it('accepts known kinds and refuses unknown ones, naming them', () => {
    expect(parseFilterQuery({ kind: 'talks,agreement' }).kinds).toEqual(['talks', 'agreement']);
    const errors = fieldErrorsOf(() => parseFilterQuery({ kind: ['talks', 'war'] }));
    expect(errors).toHaveLength(1);
    expect(errors[0].path).toBe('kind');
    expect(errors[0].message).toContain('war');
  });

  it('accepts from and to at any precision', () => {
    expect(parseFilterQuery({ from: '2025', to: '2025-05-07' })).toEqual({ from: '2025', to: '2025-05-07' });
  });

  it.each(['2025-99', '2025-02-30', 'yesterday', '25'])('refuses from=%s', (value) => {
    expect(fieldErrorsOf(() => parseFilterQuery({ from: value }))).toEqual([{ path: 'from', message: expect.any(String) }]);
  });

  it('refuses from and to given twice', () => {
    const errors = fieldErrorsOf(() => parseFilterQuery({ from: ['2025', '2024'], to: ['2025', '2026'] }));
    expect(errors.map((e) => e.path)).toEqual(['from', 'to']);
  });

  it('reports every bad field at once', () => {
    const errors = fieldErrorsOf(() => parseFilterQuery({ kind: 'nope', from: 'x', to: '2025-13', actorsMode: 'some' }));
    expect(errors.map((e) => e.path).sort()).toEqual(['actorsMode', 'from', 'kind', 'to']);
  });

  it('takes actorsMode any or all', () => {
    expect(parseFilterQuery({ actor: 'US,CN', actorsMode: 'all' })).toEqual({ actors: ['US', 'CN'], actorsMode: 'all' });
    expect(parseFilterQuery({ actorsMode: 'any' }).actorsMode).toBe('any');
    expect(fieldErrorsOf(() => parseFilterQuery({ actorsMode: 'ALL' }))[0].path).toBe('actorsMode');
  });

  it('bounds q at 200 characters', () => {
    expect(parseFilterQuery({ q: ' tariffs ' }).q).toBe('tariffs');
    expect(fieldErrorsOf(() => parseFilterQuery({ q: 'x'.repeat(10_000) }))[0].path).toBe('q');
  });

  it('takes relatedTo as a list', () => {
    expect(parseFilterQuery({ relatedTo: ['2025-04-02-liberation-day', 'a,b'] }).relatedTo).toEqual([
      '2025-04-02-liberation-day',
      'a',
      'b',
    ]);
  });
});

describe('validateFilterBody', () => {
  it('is empty for null or undefined', () => {
    expect(validateFilterBody(undefined)).toEqual({});
    expect(validateFilterBody(null)).toEqual({});
  });

  it('accepts a full filter', () => {
    expect(
      validateFilterBody({
        actors: ['CN'],
        actorsMode: 'all',
        tags: ['Tariffs'],
        kinds: ['talks'],
        from: '2025-04',
        to: '2025',
        q: ' talks ',
      }),
    ).toEqual({ actors: ['CN'], actorsMode: 'all', tags: ['tariffs'], kinds: ['talks'], from: '2025-04', to: '2025', q: 'talks' });
  });

  it('refuses a non-object', () => {
    expect(fieldErrorsOf(() => validateFilterBody(['CN']))).toEqual([{ path: 'filter', message: 'must be an object' }]);
    expect(fieldErrorsOf(() => validateFilterBody('CN', 'body.filter'))[0].path).toBe('body.filter');
  });

  it('names unknown keys with their path', () => {
    const errors = fieldErrorsOf(() => validateFilterBody({ actor: ['CN'], colour: 'red' }));
    expect(errors.map((e) => e.path)).toEqual(['filter.actor', 'filter.colour']);
  });

  it('refuses wrongly typed fields', () => {
    const errors = fieldErrorsOf(() =>
      validateFilterBody({ actors: 'CN', tags: [''], kinds: ['war'], from: 2025, actorsMode: 'most', q: 7 }),
    );
    expect(errors.map((e) => e.path).sort()).toEqual([
      'filter.actors',
      'filter.actorsMode',
      'filter.from',
      'filter.kinds',
      'filter.q',
      'filter.tags',
    ]);
  });
});

describe('filterToQuery', () => {
  it('writes every field in a stable order, repeating list fields', () => {
    const query = filterToQuery({
      q: 'talks',
      to: '2025-05',
      from: '2025',
      kinds: ['talks', 'meeting'],
      tags: ['tariffs'],
      actorsMode: 'all',
      actors: ['US', 'CN'],
      relatedTo: ['x'],
    });
    expect(query.toString()).toBe(
      'actor=US&actor=CN&actorsMode=all&tag=tariffs&kind=talks&kind=meeting&from=2025&to=2025-05&q=talks&relatedTo=x',
    );
  });

  it('round-trips through parseFilterQuery', () => {
    const filter = { actors: ['US', 'CN'], tags: ['tariffs'], kinds: ['talks' as const], from: '2025-04', q: 'grand encirclement' };
    const params = filterToQuery(filter);
    // As a query-string parser gives it: a string once, an array when repeated.
    const query: Record<string, string | string[]> = {};
    for (const key of new Set(params.keys())) {
      const values = params.getAll(key);
      query[key] = values.length === 1 ? values[0] : values;
    }
    expect(parseFilterQuery(query)).toEqual(filter);
  });

  it('is empty for an empty filter', () => {
    expect(filterToQuery({}).toString()).toBe('');
  });
});
