import { describe, expect, it } from 'vitest';
import { eventSlug, normalizeTitle, slugify } from './slug';

describe('slugify', () => {
  it('lower-cases, folds accents and joins words with single hyphens', () => {
    expect(slugify('  Élysée   Talks: Día 1!  ')).toBe('elysee-talks-dia-1');
  });

  it('spells out percent so "145%" keeps its meaning', () => {
    expect(slugify('US raises tariffs on China to 145%')).toBe('us-raises-tariffs-on-china-to-145-percent');
  });

  it('cuts at the maximum length without a trailing hyphen', () => {
    const slug = slugify('word '.repeat(40), 12);
    expect(slug.length).toBeLessThanOrEqual(12);
    expect(slug).not.toMatch(/-$/);
  });

  it('falls back to "event" when nothing is left', () => {
    expect(slugify('中美贸易')).toBe('event');
    expect(slugify('!!!')).toBe('event');
  });
});

describe('eventSlug', () => {
  it('starts with the date as given, at its precision', () => {
    expect(eventSlug('2025-04-02', 'Liberation Day')).toBe('2025-04-02-liberation-day');
    expect(eventSlug('2025-05', 'Beijing willing to talk')).toBe('2025-05-beijing-willing-to-talk');
    expect(eventSlug('2025', 'Grand encirclement')).toBe('2025-grand-encirclement');
  });
});

describe('normalizeTitle', () => {
  it('folds case, accents, punctuation and spacing', () => {
    expect(normalizeTitle("Trump's 145% tariffs!")).toBe('trump s 145 tariffs');
    expect(normalizeTitle('  TRUMP’S   145 %  Tariffs ')).toBe('trump s 145 tariffs');
    expect(normalizeTitle('Réunion à Bruxelles')).toBe(normalizeTitle('reunion a bruxelles'));
  });

  it('keeps letters of other scripts and digits', () => {
    expect(normalizeTitle('中美 贸易, 2025!')).toBe('中美 贸易 2025');
  });

  it('keeps different words different', () => {
    expect(normalizeTitle('Tariffs raised to 145%')).not.toBe(normalizeTitle('Tariffs raised to 125%'));
  });
});
