import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/db';
import type { SeedActor, SeedTag } from './timeline.types';

/** What the seed writes outside the event write path: the actor catalogue, tag names, and relations by slug. */
@Injectable()
export class SeedRepository {
  constructor(private readonly prisma: PrismaService) {}

  async upsertActors(actors: SeedActor[]): Promise<void> {
    for (const actor of actors) {
      await this.prisma.actor.upsert({
        where: { code: actor.code },
        create: { code: actor.code, name: actor.name, kind: actor.kind },
        update: { name: actor.name, kind: actor.kind },
      });
    }
    const memberships = actors.flatMap((a) => (a.memberOf ?? []).map((groupCode) => ({ memberCode: a.code, groupCode })));
    await this.prisma.actorMembership.createMany({ data: memberships, skipDuplicates: true });
  }

  async upsertTags(tags: SeedTag[]): Promise<void> {
    await this.prisma.tag.createMany({ data: tags, skipDuplicates: true });
  }

  async slugExists(slug: string): Promise<boolean> {
    return (await this.prisma.event.count({ where: { slug } })) > 0;
  }

  /** Adds a confirmed relation between two seeded events; returns false when it was already there. */
  async addRelation(fromSlug: string, toSlug: string, type: string): Promise<boolean> {
    const added = await this.prisma.$executeRaw`
      INSERT INTO relations (id, from_id, to_id, type, status)
      SELECT gen_random_uuid(), f.id, t.id, ${type}::"RelationType", 'confirmed'
      FROM events f, events t WHERE f.slug = ${fromSlug} AND t.slug = ${toSlug}
      ON CONFLICT (from_id, to_id, type) DO NOTHING`;
    if (added > 0) await this.prisma.$executeRaw`UPDATE timeline_state SET version = version + 1, updated_at = now() WHERE id = 1`;
    return added > 0;
  }
}
