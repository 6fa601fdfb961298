import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@app/db';
import type { EventStatus, RelationType } from '@app/domain';

/** One way an event is related to the anchor; a related event may have several. */
export type RelatednessEvidence =
  | { kind: 'relation'; type: RelationType; direction: 'outgoing' | 'incoming' }
  | { kind: 'two_hops'; viaId: string; viaSlug: string }
  | { kind: 'shared'; actors: string[]; tags: string[]; daysApart: number };

export interface RelatedCandidate {
  id: string;
  date: Date;
  status: EventStatus;
  evidence: RelatednessEvidence[];
}

/**
 * The ranked, explained form of relatedIdsSql (event-filter.sql.ts): the same membership — confirmed
 * relations either way up to two hops, or a shared actor and a shared tag within the window — but one row
 * per piece of evidence so the caller can rank and say why. Keep the two in step.
 */
@Injectable()
export class RelatednessRepository {
  constructor(private readonly prisma: PrismaService) {}

  async evidenceFor(anchorId: string, windowDays: number): Promise<RelatedCandidate[]> {
    const [direct, twoHops, shared] = await Promise.all([
      this.prisma.$queryRaw<{ id: string; type: RelationType; direction: 'outgoing' | 'incoming' }[]>`
        SELECT to_id AS id, type::text AS type, 'outgoing' AS direction FROM relations
        WHERE status = 'confirmed' AND from_id = ${anchorId}::uuid AND to_id <> ${anchorId}::uuid
        UNION ALL
        SELECT from_id, type::text, 'incoming' FROM relations
        WHERE status = 'confirmed' AND to_id = ${anchorId}::uuid AND from_id <> ${anchorId}::uuid`,
      this.prisma.$queryRaw<{ id: string; via_id: string; via_slug: string }[]>`
        WITH edges AS (
          SELECT from_id AS a, to_id AS b FROM relations WHERE status = 'confirmed'
          UNION ALL
          SELECT to_id AS a, from_id AS b FROM relations WHERE status = 'confirmed'
        )
        SELECT DISTINCT e2.b AS id, e1.b AS via_id, v.slug AS via_slug
        FROM edges e1 JOIN edges e2 ON e2.a = e1.b JOIN events v ON v.id = e1.b
        WHERE e1.a = ${anchorId}::uuid AND e2.b <> ${anchorId}::uuid`,
      this.prisma.$queryRaw<{ id: string; days: number; actors: string[]; tags: string[] }[]>`
        SELECT o.id, abs(o.date - an.date) AS days,
          ARRAY(SELECT x.actor_code FROM event_actors x JOIN event_actors y ON y.actor_code = x.actor_code
                WHERE x.event_id = o.id AND y.event_id = an.id ORDER BY 1) AS actors,
          ARRAY(SELECT x.tag_slug FROM event_tags x JOIN event_tags y ON y.tag_slug = x.tag_slug
                WHERE x.event_id = o.id AND y.event_id = an.id ORDER BY 1) AS tags
        FROM events o JOIN events an ON an.id = ${anchorId}::uuid
        WHERE o.id <> an.id AND abs(o.date - an.date) <= ${windowDays}::int
          AND EXISTS (SELECT 1 FROM event_actors x JOIN event_actors y ON y.actor_code = x.actor_code
                      WHERE x.event_id = o.id AND y.event_id = an.id)
          AND EXISTS (SELECT 1 FROM event_tags x JOIN event_tags y ON y.tag_slug = x.tag_slug
                      WHERE x.event_id = o.id AND y.event_id = an.id)`,
    ]);
    const evidence = new Map<string, RelatednessEvidence[]>();
    const add = (id: string, item: RelatednessEvidence) => evidence.set(id, [...(evidence.get(id) ?? []), item]);
    for (const r of direct) add(r.id, { kind: 'relation', type: r.type, direction: r.direction });
    for (const r of twoHops) add(r.id, { kind: 'two_hops', viaId: r.via_id, viaSlug: r.via_slug });
    for (const r of shared) add(r.id, { kind: 'shared', actors: r.actors, tags: r.tags, daysApart: Number(r.days) });
    if (!evidence.size) return [];
    const rows = await this.prisma.$queryRaw<{ id: string; date: Date; status: EventStatus }[]>`
      SELECT id, date, status::text AS status FROM events WHERE id IN (${Prisma.join([...evidence.keys()].map((id) => Prisma.sql`${id}::uuid`))})`;
    return rows.map((r) => ({ id: r.id, date: r.date, status: r.status, evidence: evidence.get(r.id) ?? [] }));
  }
}
