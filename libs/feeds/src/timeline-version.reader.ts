import { Injectable } from '@nestjs/common';
import { TimelineStateRepository, type TimelineState } from './timeline-state.repository';

/**
 * Coalesces reads of the timeline version under load without ever answering from before the request:
 * a caller joins a read only if that read starts after the caller arrived. While one read is in flight,
 * every newcomer shares the single read queued behind it, so the database sees at most one query per
 * round trip however many requests wait, and a change committed before a request is always visible to it.
 */
@Injectable()
export class TimelineVersionReader {
  private inflight: Promise<TimelineState> | null = null;
  private queued: Promise<TimelineState> | null = null;

  constructor(private readonly state: TimelineStateRepository) {}

  read(): Promise<TimelineState> {
    if (!this.inflight) return this.start();
    this.queued ??= this.inflight
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.start();
      });
    return this.queued;
  }

  private start(): Promise<TimelineState> {
    const read = this.state.current().finally(() => {
      if (this.inflight === read) this.inflight = null;
    });
    this.inflight = read;
    return read;
  }
}
