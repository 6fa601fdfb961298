import { Module } from '@nestjs/common';
import { EventsModule } from '@app/events';
import { FeedsService } from './feeds.service';
import { TimelineStateRepository } from './timeline-state.repository';
import { TimelineVersionReader } from './timeline-version.reader';

@Module({
  imports: [EventsModule],
  providers: [FeedsService, TimelineStateRepository, TimelineVersionReader],
  exports: [FeedsService, TimelineVersionReader],
})
export class FeedsModule {}
