import type { DatePrecision } from './event-date';

export const EVENT_KINDS = [
  'tariff_action',
  'trade_measure',
  'statement',
  'meeting',
  'talks',
  'agreement',
  'retaliation',
  'other',
] as const;
export const EVENT_STATUSES = ['draft', 'published', 'retracted', 'merged'] as const;
export const ACTOR_ROLES = ['initiator', 'target', 'participant'] as const;
export const RELATION_TYPES = ['responds_to', 'escalates', 'de_escalates', 'follows', 'part_of', 'duplicate_of', 'related'] as const;

export const choices = (values: readonly string[]) => values.map((v) => ({ id: v, name: v.replace(/_/g, ' ') }));

export interface SourceView {
  url: string;
  publisher: string;
  title: string | null;
  publishedAt: string | null;
  quote: string | null;
}

export interface RelationView {
  id: string;
  type: string;
  status: 'suggested' | 'confirmed';
  direction: 'outgoing' | 'incoming';
  event: { id: string; slug: string; title: string; date: string };
}

/** An event as GET /v1/events/{id} answers. */
export interface EventView {
  id: string;
  slug: string;
  title: string;
  summary: string;
  kind: string;
  date: string;
  datePrecision: DatePrecision;
  endDate: string | null;
  actors: { code: string; name: string; role: string }[];
  tags: string[];
  sources: SourceView[];
  relations: RelationView[];
  status: string;
  statusReason: string | null;
  mergedInto: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

/** The fields an editor changes in the form (and that PATCH and restore send). */
export const EDITABLE_FIELDS = ['title', 'date', 'endDate', 'kind', 'summary', 'actors', 'tags', 'sources'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

export interface Revision {
  version: number;
  action: string;
  changes: string[];
  authorName: string;
  createdAt: string;
  snapshot: EventView;
}
