import { Injectable } from '@nestjs/common';
import { PrismaService, isUniqueViolation, prismaSql, type PrismaTx } from '@app/db';
import {
  ConflictError,
  InvalidStateError,
  NotFoundError,
  ValidationError,
  type Author,
  type EventView,
  type RelationStatus,
  type RelationType,
} from '@app/domain';
import { EventWritesRepository } from './event-writes.repository';

/**
 * Adding, confirming and removing a relation: each is a new version of the event it is filed under,
 * with its revision, audit entry, timeline bump and (when published) an event.updated outbox row.
 */
@Injectable()
export class RelationWritesRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly writes: EventWritesRepository,
  ) {}

  async add(
    fromId: string,
    relation: { type: RelationType; toId: string; status: RelationStatus },
    author: Author,
  ): Promise<{ event: EventView; relationId: string }> {
    if (relation.toId === fromId) {
      throw new ValidationError('Invalid relation', [{ path: 'to', message: 'an event cannot relate to itself' }]);
    }
    try {
      return await this.prisma.$transaction(async (tx) => {
        // The two events are locked in id order: the new row's foreign key takes a share lock on the target, and two
        // relations filed at once under each other's events (a → b, b → a) deadlocked when each held its own event.
        if (relation.toId < fromId) await tx.$queryRaw`SELECT 1 FROM events WHERE id = ${relation.toId}::uuid FOR KEY SHARE`;
        const { view: before } = await this.writes.lockForChange(prismaSql(tx), fromId, undefined);
        if (before.status === 'merged') throw new InvalidStateError(`Event ${before.slug} was merged; relate ${before.mergedInto} instead`);
        const created = await tx.relation.create({
          data: { fromId, toId: relation.toId, type: relation.type, status: relation.status },
          select: { id: true },
        });
        const event = await this.bump(tx, fromId, before, 'relation_added', author, { relationId: created.id, ...relation });
        return { event, relationId: created.id };
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(`This event already has a ${relation.type} relation to that event`, {
          type: relation.type,
          to: relation.toId,
        });
      }
      throw error;
    }
  }

  async confirm(eventId: string, relationId: string, author: Author): Promise<EventView> {
    return this.prisma.$transaction(async (tx) => {
      const { view: before } = await this.writes.lockForChange(prismaSql(tx), eventId, undefined);
      const relation = await this.findOwn(tx, eventId, relationId);
      if (relation.status === 'confirmed') return before;
      await tx.relation.update({ where: { id: relationId }, data: { status: 'confirmed' } });
      return this.bump(tx, eventId, before, 'relation_confirmed', author, { relationId });
    });
  }

  async remove(eventId: string, relationId: string, author: Author): Promise<EventView> {
    return this.prisma.$transaction(async (tx) => {
      const { view: before } = await this.writes.lockForChange(prismaSql(tx), eventId, undefined);
      const relation = await this.findOwn(tx, eventId, relationId);
      await tx.relation.delete({ where: { id: relationId } });
      return this.bump(tx, eventId, before, 'relation_removed', author, {
        relationId,
        type: relation.type,
        fromId: relation.fromId,
        toId: relation.toId,
      });
    });
  }

  /** A relation of this event, whichever side it is on. */
  private async findOwn(tx: PrismaTx, eventId: string, relationId: string) {
    const relation = await tx.relation.findFirst({
      where: { id: relationId, OR: [{ fromId: eventId }, { toId: eventId }] },
      select: { type: true, status: true, fromId: true, toId: true },
    });
    if (!relation) throw new NotFoundError('Relation', relationId);
    return relation;
  }

  private async bump(
    tx: PrismaTx,
    id: string,
    before: EventView,
    action: string,
    author: Author,
    details: Record<string, unknown>,
  ): Promise<EventView> {
    await tx.event.update({ where: { id }, data: { version: { increment: 1 } } });
    const type = before.status === 'published' ? 'event.updated' : 'event.draft_changed';
    return this.writes.record(prismaSql(tx), id, before, action, author, { type }, details);
  }
}
