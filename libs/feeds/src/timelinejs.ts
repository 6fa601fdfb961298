import type { EventView } from '@app/domain';
import { escapeHtml, summaryHtml, type FeedDocument } from './feed-document';

export const TIMELINE_CONTENT_TYPE = 'application/json; charset=utf-8';

/** TimelineJS3 date: only the parts the event's precision knows (a month-precision event has no day). */
export interface TimelineDate {
  year: number;
  month?: number;
  day?: number;
}

export interface TimelineSlide {
  unique_id: string;
  start_date: TimelineDate;
  end_date?: TimelineDate;
  text: { headline: string; text: string };
  group: string;
}

export interface TimelineDocument {
  title: { text: { headline: string; text: string } };
  events: TimelineSlide[];
  /** Not TimelineJS: where the next page is (TimelineJS ignores unknown keys). */
  next_url?: string;
}

/** "2025" | "2025-04" | "2025-04-02" → {year, month?, day?}, as stored: never a made-up day. */
export function timelineDate(value: string): TimelineDate {
  const [year, month, day] = value.split('-').map(Number);
  return { year, ...(month ? { month } : {}), ...(day ? { day } : {}) };
}

function slide(event: EventView): TimelineSlide {
  const actors = event.actors.map((a) => escapeHtml(a.name)).join(', ');
  return {
    unique_id: event.id,
    start_date: timelineDate(event.date),
    ...(event.endDate ? { end_date: timelineDate(event.endDate) } : {}),
    text: {
      headline: escapeHtml(event.title),
      text: `${actors ? `<p><em>${actors}</em></p>` : ''}${summaryHtml(event)}`,
    },
    group: event.kind,
  };
}

/** The TimelineJS3 JSON format (https://timeline.knightlab.com/docs/json-format.html), embeddable as is. */
export function toTimeline(doc: FeedDocument): TimelineDocument {
  return {
    title: { text: { headline: escapeHtml(doc.title), text: escapeHtml(doc.description) } },
    events: doc.items.map(slide),
    ...(doc.nextUrl ? { next_url: doc.nextUrl } : {}),
  };
}

export function renderTimeline(doc: FeedDocument): string {
  return JSON.stringify(toTimeline(doc));
}
