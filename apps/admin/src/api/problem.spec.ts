import { describe, expect, it } from 'vitest';
import { fieldErrorsOf, fieldNameOf } from './problem';

describe('problem → field errors', () => {
  it('maps API paths to form field names', () => {
    expect(fieldNameOf('title')).toBe('title');
    expect(fieldNameOf('sources[0].url')).toBe('sources.0.url');
    expect(fieldNameOf('actors[2].code')).toBe('actors.2.code');
  });

  it('puts each message beside its field and keeps the rest apart', () => {
    const known = (f: string) => ['title', 'date', 'sources'].some((k) => f === k || f.startsWith(`${k}.`));
    const { fields, other } = fieldErrorsOf(
      {
        status: 400,
        errors: [
          { path: 'date', message: 'must be YYYY, YYYY-MM or YYYY-MM-DD' },
          { path: 'sources[1].url', message: 'must be an http(s) URL' },
          { path: 'sources[1].url', message: 'is cited by another event' },
          { path: 'If-Match', message: 'must be the event version in quotes' },
        ],
      },
      known,
    );
    expect(fields).toEqual({
      date: 'must be YYYY, YYYY-MM or YYYY-MM-DD',
      'sources.1.url': 'must be an http(s) URL; is cited by another event',
    });
    expect(other).toEqual(['If-Match must be the event version in quotes']);
  });

  it('shows the detail of a problem without field errors', () => {
    expect(fieldErrorsOf({ status: 403, detail: 'This needs a key with role editor' }).other).toEqual([
      'This needs a key with role editor',
    ]);
  });
});
