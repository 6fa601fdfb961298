import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, ConfigModule, type AppConfig } from '@app/config';
import { DbModule } from '@app/db';
import { EventsModule } from '@app/events';
import { ObservabilityModule, loggerParams } from '@app/observability';
import { QueueModule } from '@app/queue';
import { WebhooksModule } from '@app/webhooks';
import { JobRunner } from './job-runner';
import { OutboxRelay } from './outbox-relay';
import { RetentionSweeper } from './retention-sweeper';
import { StuckDeliverySweeper } from './stuck-delivery-sweeper';

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => loggerParams(config, 'worker') }),
    ObservabilityModule.forProcess('worker'),
    DbModule,
    QueueModule,
    EventsModule,
    WebhooksModule,
  ],
  providers: [OutboxRelay, JobRunner, StuckDeliverySweeper, RetentionSweeper],
})
export class WorkerModule {}
