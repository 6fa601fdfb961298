import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/db';
import type { EventStatus } from '@app/domain';

export interface DuplicateEvidence {
  id: string;
  status: EventStatus;
  /** pg_trgm similarity of the normalised titles, 0–1. */
  titleSimilarity: number;
  daysApart: number;
  sharedSourceUrls: string[];
}

/** Within this many days, a weaker title match is enough. */
export const DUPLICATE_WINDOW_DAYS = 7;
const NEAR_TITLE_THRESHOLD = 0.15;

/**
 * Possible duplicates of an event: the same source URL, or similar normalised titles (pg_trgm's `%` at its
 * default threshold 0.3, served by the trigram index), a weaker similarity being enough when the dates are close. Merged events are out.
 */
@Injectable()
export class DuplicatesRepository {
  constructor(private readonly prisma: PrismaService) {}

  async candidatesFor(eventId: string, limit: number): Promise<DuplicateEvidence[]> {
    const rows = await this.prisma.$queryRaw<
      { id: string; status: EventStatus; similarity: number; days: number; shared_urls: string[] }[]
    >`
      WITH x AS (SELECT id, date, normalized_title FROM events WHERE id = ${eventId}::uuid),
      by_source AS (
        SELECT DISTINCT o.event_id AS id FROM event_sources o
        JOIN event_sources s ON s.source_id = o.source_id AND s.event_id = ${eventId}::uuid
        WHERE o.event_id <> ${eventId}::uuid
      ),
      by_title AS (
        SELECT o.id FROM events o, x WHERE o.id <> x.id AND o.normalized_title % x.normalized_title
        UNION
        SELECT o.id FROM events o, x
        WHERE o.id <> x.id AND o.date BETWEEN x.date - ${DUPLICATE_WINDOW_DAYS}::int AND x.date + ${DUPLICATE_WINDOW_DAYS}::int
          AND similarity(o.normalized_title, x.normalized_title) >= ${NEAR_TITLE_THRESHOLD}::float8
      )
      SELECT o.id, o.status::text AS status,
        similarity(o.normalized_title, x.normalized_title)::float8 AS similarity,
        abs(o.date - x.date) AS days,
        ARRAY(SELECT src.url FROM event_sources a
              JOIN event_sources b ON b.source_id = a.source_id AND b.event_id = x.id
              JOIN sources src ON src.id = a.source_id
              WHERE a.event_id = o.id ORDER BY 1) AS shared_urls
      FROM events o, x
      WHERE o.status <> 'merged' AND o.id IN (SELECT id FROM by_source UNION SELECT id FROM by_title)
      ORDER BY cardinality(ARRAY(SELECT 1 FROM event_sources a JOIN event_sources b ON b.source_id = a.source_id
                                 AND b.event_id = x.id WHERE a.event_id = o.id)) DESC,
               similarity(o.normalized_title, x.normalized_title) DESC, abs(o.date - x.date), o.id
      LIMIT ${limit}`;
    return rows.map((r) => ({
      id: r.id,
      status: r.status,
      titleSimilarity: Number(r.similarity),
      daysApart: Number(r.days),
      sharedSourceUrls: r.shared_urls,
    }));
  }
}
