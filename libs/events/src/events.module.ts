import { Module } from '@nestjs/common';
import { DuplicatesRepository } from './duplicates.repository';
import { EventCurationService } from './event-curation.service';
import { EventHistoryRepository } from './event-history.repository';
import { EventMergeRepository } from './event-merge.repository';
import { EventStatsRepository } from './event-stats.repository';
import { EventWritesRepository } from './event-writes.repository';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';
import { IdempotencyRepository } from './idempotency.repository';
import { RelatednessRepository } from './relatedness.repository';
import { RelationWritesRepository } from './relation-writes.repository';

@Module({
  providers: [
    EventStatsRepository,
    EventsRepository,
    EventWritesRepository,
    IdempotencyRepository,
    EventsService,
    RelatednessRepository,
    DuplicatesRepository,
    EventMergeRepository,
    RelationWritesRepository,
    EventHistoryRepository,
    EventCurationService,
  ],
  exports: [
    EventStatsRepository,
    EventsService,
    EventsRepository,
    EventWritesRepository,
    EventCurationService,
    RelatednessRepository,
    IdempotencyRepository,
  ],
})
export class EventsModule {}
