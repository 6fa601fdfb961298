/**
 * A bounded least-recently-used map of rendered bodies. Keys include the timeline version, so a change
 * never serves stale bytes: old entries simply stop being asked for and age out.
 */
export interface RenderedPage {
  /** Encoded once: Node writes a Buffer as is, while a string with any non-ASCII character is re-encoded per response. */
  body: Buffer;
  nextUrl: string | null;
}

export class RenderedCache {
  private readonly entries = new Map<string, RenderedPage>();
  private bytes = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): RenderedPage | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Re-insert: Map keeps insertion order, so the first key is always the least recently used.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: RenderedPage): void {
    const size = value.body.length;
    if (size > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.bytes -= old.body.length;
      this.entries.delete(key);
    }
    this.entries.set(key, value);
    this.bytes += size;
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) {
      const oldest = this.entries.keys().next().value as string;
      this.bytes -= this.entries.get(oldest)?.body.length ?? 0;
      this.entries.delete(oldest);
    }
  }
}
