import { Module } from '@nestjs/common';
import { EventWritesRepository } from './event-writes.repository';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';
import { IdempotencyRepository } from './idempotency.repository';

@Module({
  providers: [EventsRepository, EventWritesRepository, IdempotencyRepository, EventsService],
  exports: [EventsService, EventsRepository, EventWritesRepository],
})
export class EventsModule {}
