/** The shape of the seed timeline: plain data, loaded idempotently by prisma/seed/load.ts. */
export interface SeedActor {
  code: string;
  name: string;
  kind: 'state' | 'bloc' | 'organization' | 'person';
  /** Codes of the blocs or bodies this actor belongs to (JP ∈ ASEAN+3, VN ∈ ASEAN…). */
  memberOf?: string[];
}

export interface SeedTag {
  slug: string;
  name: string;
}

export interface SeedSource {
  url: string;
  publisher: string;
  title?: string;
  /** RFC 3339 or YYYY-MM-DD. */
  publishedAt?: string;
  quote?: string;
}

export interface SeedEvent {
  slug: string;
  title: string;
  summary: string;
  kind: 'tariff_action' | 'trade_measure' | 'statement' | 'meeting' | 'talks' | 'agreement' | 'retaliation' | 'other';
  /** "2025", "2025-04" or "2025-04-02": the precision the article supports, never an invented day. */
  date: string;
  endDate?: string;
  actors: { code: string; role: 'initiator' | 'target' | 'participant' }[];
  tags: string[];
  sources: SeedSource[];
  relations?: { type: 'responds_to' | 'escalates' | 'de_escalates' | 'follows' | 'part_of' | 'related'; to: string }[];
}

export interface SeedTimeline {
  actors: SeedActor[];
  tags: SeedTag[];
  events: SeedEvent[];
}
