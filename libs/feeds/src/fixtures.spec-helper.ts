import type { EventView } from '@app/domain';
import type { FeedDocument } from './feed-document';

export function eventView(over: Partial<EventView> = {}): EventView {
  return {
    id: '0b6f3a52-8a1e-4c1e-9d1e-3f2b8f1a7c01',
    slug: '2025-04-02-liberation-day',
    title: 'US announces "Liberation Day" tariffs <10%>',
    summary: 'A 10% baseline tariff & higher rates.\n\nSecond paragraph.',
    kind: 'tariff_action',
    date: '2025-04-02',
    datePrecision: 'day',
    endDate: null,
    actors: [{ code: 'US', name: 'United States', role: 'initiator' }],
    tags: ['tariffs', 'liberation-day'],
    sources: [{ url: 'https://example.org/a?x=1&y=2', publisher: 'Example', title: 'Report', publishedAt: null, quote: null }],
    relations: [],
    status: 'published',
    statusReason: null,
    mergedInto: null,
    version: 1,
    createdAt: '2025-04-02T10:00:00.000Z',
    updatedAt: '2025-04-03T10:00:00.000Z',
    publishedAt: '2025-04-02T10:00:00.000Z',
    ...over,
  };
}

export function feedDocument(items: EventView[], over: Partial<FeedDocument> = {}): FeedDocument {
  return {
    title: 'Trade Timeline',
    description: 'Test feed',
    origin: 'https://tt.example',
    selfUrl: 'https://tt.example/feed.json?actor=US',
    feedUrl: 'https://tt.example/feed.json?actor=US',
    alternateUrl: 'https://tt.example/v1/events?actor=US',
    nextUrl: null,
    updatedAt: new Date('2025-04-03T10:00:00.000Z'),
    items,
    ...over,
  };
}
