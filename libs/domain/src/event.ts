import type { DatePrecision } from './event-date';
import type { EventKind, EventStatus } from './filter';

export const ACTOR_ROLES = ['initiator', 'target', 'participant'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

export const RELATION_TYPES = ['responds_to', 'escalates', 'de_escalates', 'follows', 'part_of', 'duplicate_of', 'related'] as const;
export type RelationType = (typeof RELATION_TYPES)[number];
export type RelationStatus = 'suggested' | 'confirmed';

export interface EventActorView {
  code: string;
  name: string;
  role: ActorRole;
}

export interface SourceView {
  url: string;
  publisher: string;
  title: string | null;
  publishedAt: string | null;
  quote: string | null;
}

export interface RelationView {
  id: string;
  type: RelationType;
  status: RelationStatus;
  /** outgoing: this event → event; incoming: event → this event. */
  direction: 'outgoing' | 'incoming';
  event: { id: string; slug: string; title: string; date: string };
}

/** An event as the API, the feeds and the webhooks show it. */
export interface EventView {
  id: string;
  slug: string;
  title: string;
  summary: string;
  kind: EventKind;
  date: string;
  datePrecision: DatePrecision;
  endDate: string | null;
  actors: EventActorView[];
  tags: string[];
  sources: SourceView[];
  relations: RelationView[];
  status: EventStatus;
  statusReason: string | null;
  mergedInto: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

export interface SourceInput {
  url: string;
  publisher: string;
  title?: string;
  publishedAt?: string;
  quote?: string;
}

/** What a client may send to create an event (already shape-validated at the edge). */
export interface EventInput {
  title: string;
  summary?: string;
  kind: EventKind;
  date: string;
  endDate?: string | null;
  slug?: string;
  status?: 'draft' | 'published';
  actors?: { code: string; role: ActorRole }[];
  tags?: string[];
  sources?: SourceInput[];
  relations?: { type: RelationType; to: string }[];
}

export type EventPatch = Partial<Omit<EventInput, 'status'>>;

/** Who made a change: recorded in revisions and the audit log. */
export interface Author {
  keyId: string | null;
  name: string;
  requestId?: string;
}
