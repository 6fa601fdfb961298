/** Lower-case, accents folded, anything else to single hyphens. */
export function slugify(text: string, maxLength = 80): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/%/g, ' percent ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, maxLength).replace(/-+$/, '') || 'event';
}

/** An event's slug: its date as given, then its title ("2025-04-02-liberation-day"). */
export function eventSlug(date: string, title: string): string {
  return `${date}-${slugify(title)}`;
}

/**
 * The title as duplicates are compared: case, accents, punctuation and spacing folded.
 * "Trump's 145% tariffs!" and "trump s 145 tariffs" compare equal.
 */
export function normalizeTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
