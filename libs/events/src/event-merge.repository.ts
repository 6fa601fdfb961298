import { Injectable } from '@nestjs/common';
import { PrismaService, prismaSql } from '@app/db';
import { InvalidStateError, ValidationError, type Author, type EventView } from '@app/domain';
import { EventWritesRepository } from './event-writes.repository';

export interface MergeResult {
  survivor: EventView;
  merged: EventView;
  moved: { sources: number; actors: number; tags: number; relations: number };
}

/**
 * Merging a duplicate into a survivor, in one transaction: the survivor gains the duplicate's sources,
 * actors, tags and relations (what it already has wins), the duplicate becomes `merged` with
 * merged_into_id, both get a revision and an audit entry, and the outbox says event.updated for the
 * survivor and event.retracted (reason merged) for the duplicate.
 */
@Injectable()
export class EventMergeRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly writes: EventWritesRepository,
  ) {}

  async merge(duplicateId: string, survivorId: string, expectedVersion: number | undefined, author: Author): Promise<MergeResult> {
    if (duplicateId === survivorId) {
      throw new ValidationError('Cannot merge an event into itself', [{ path: 'into', message: 'must be another event' }]);
    }
    return this.prisma.$transaction(async (tx) => {
      const sql = prismaSql(tx);
      // Lock in id order, so two merges touching the same pair cannot deadlock.
      const [firstId, secondId] = [duplicateId, survivorId].sort();
      const first = await this.writes.lockForChange(sql, firstId, firstId === duplicateId ? expectedVersion : undefined);
      const second = await this.writes.lockForChange(sql, secondId, secondId === duplicateId ? expectedVersion : undefined);
      const [dup, surv] = firstId === duplicateId ? [first.view, second.view] : [second.view, first.view];
      if (dup.status === 'merged') throw new InvalidStateError(`Event ${dup.slug} was already merged into ${dup.mergedInto}`);
      if (surv.status === 'merged') {
        throw new InvalidStateError(`Event ${surv.slug} was itself merged into ${surv.mergedInto}; merge into that one`);
      }

      const sources = await tx.$executeRaw`
        INSERT INTO event_sources (event_id, source_id, quote, position)
        SELECT ${survivorId}::uuid, d.source_id, d.quote,
               (SELECT coalesce(max(position), -1) FROM event_sources WHERE event_id = ${survivorId}::uuid) + 1 + d.position
        FROM event_sources d WHERE d.event_id = ${duplicateId}::uuid
        ON CONFLICT (event_id, source_id) DO NOTHING`;
      const actors = await tx.$executeRaw`
        INSERT INTO event_actors (event_id, actor_code, role)
        SELECT ${survivorId}::uuid, actor_code, role FROM event_actors WHERE event_id = ${duplicateId}::uuid
        ON CONFLICT (event_id, actor_code) DO NOTHING`;
      const tags = await tx.$executeRaw`
        INSERT INTO event_tags (event_id, tag_slug)
        SELECT ${survivorId}::uuid, tag_slug FROM event_tags WHERE event_id = ${duplicateId}::uuid
        ON CONFLICT (event_id, tag_slug) DO NOTHING`;
      const outgoing = await tx.$executeRaw`
        INSERT INTO relations (id, from_id, to_id, type, status, created_at)
        SELECT gen_random_uuid(), ${survivorId}::uuid, to_id, type, status, created_at FROM relations
        WHERE from_id = ${duplicateId}::uuid AND to_id <> ${survivorId}::uuid
        ON CONFLICT (from_id, to_id, type) DO NOTHING`;
      const incoming = await tx.$executeRaw`
        INSERT INTO relations (id, from_id, to_id, type, status, created_at)
        SELECT gen_random_uuid(), from_id, ${survivorId}::uuid, type, status, created_at FROM relations
        WHERE to_id = ${duplicateId}::uuid AND from_id <> ${survivorId}::uuid
        ON CONFLICT (from_id, to_id, type) DO NOTHING`;
      // The duplicate keeps nothing of its own: its content lives on in the survivor and in its revisions.
      await tx.$executeRaw`DELETE FROM relations WHERE from_id = ${duplicateId}::uuid OR to_id = ${duplicateId}::uuid`;
      await tx.$executeRaw`DELETE FROM event_sources WHERE event_id = ${duplicateId}::uuid`;
      await tx.$executeRaw`DELETE FROM event_actors WHERE event_id = ${duplicateId}::uuid`;
      await tx.$executeRaw`DELETE FROM event_tags WHERE event_id = ${duplicateId}::uuid`;

      await tx.event.update({
        where: { id: duplicateId },
        data: { status: 'merged', statusReason: 'merged', mergedIntoId: survivorId, version: { increment: 1 } },
      });
      await tx.event.update({ where: { id: survivorId }, data: { version: { increment: 1 } } });

      const moved = { sources, actors, tags, relations: outgoing + incoming };
      const survivor = await this.writes.record(
        sql,
        survivorId,
        surv,
        'merged_from',
        author,
        { type: surv.status === 'published' ? 'event.updated' : 'event.draft_changed' },
        { mergedFrom: duplicateId, moved },
      );
      // A published duplicate leaves the public timeline: subscribers hear of it as a retraction.
      const merged = await this.writes.record(
        sql,
        duplicateId,
        dup,
        'merged',
        author,
        {
          type: dup.status === 'published' ? 'event.retracted' : 'event.draft_changed',
          payload: { reason: 'merged', mergedInto: survivorId },
        },
        { mergedInto: survivorId },
      );
      return { survivor, merged, moved };
    });
  }
}
