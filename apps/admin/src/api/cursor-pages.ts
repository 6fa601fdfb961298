/**
 * The v1 API pages with opaque cursors (keyset paging); react-admin pages with numbers. This remembers,
 * per list (resource + filter + page size), the cursor that opens each page seen so far, so "next" and
 * "previous" work without counting rows. A page never reached (a bookmarked ?page=7) starts over at page 1.
 */
export class CursorPages {
  private readonly cursors = new Map<string, (string | undefined)[]>();

  /** The cursor for `page` (1-based) of `list`, or null when that page has not been reached yet. */
  cursorFor(list: string, page: number): string | undefined | null {
    if (page <= 1) return undefined;
    const known = this.cursors.get(list);
    return known && page - 1 < known.length ? known[page - 1] : null;
  }

  /** Records where the page after `page` starts. */
  remember(list: string, page: number, nextCursor: string | null): void {
    const known = this.cursors.get(list) ?? [undefined];
    known.length = Math.max(1, page);
    if (nextCursor) known[page] = nextCursor;
    this.cursors.set(list, known);
  }
}

/** A stable key for one list: the same filter in any key order is the same list. */
export function listKey(resource: string, filter: Record<string, unknown>, perPage: number): string {
  const sorted = Object.keys(filter)
    .sort()
    .map((k) => [k, filter[k]]);
  return `${resource}|${perPage}|${JSON.stringify(sorted)}`;
}
