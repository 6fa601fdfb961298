import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AccessModule } from '@app/access';
import { APP_CONFIG, ConfigModule, type AppConfig } from '@app/config';
import { DbModule } from '@app/db';
import { EventsModule } from '@app/events';
import { FeedsModule } from '@app/feeds';
import { ObservabilityModule, loggerParams } from '@app/observability';
import { QueueModule } from '@app/queue';
import { WebhooksModule } from '@app/webhooks';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { MeController } from './api-keys/me.controller';
import { StatsController } from './stats/stats.controller';
import { StatsService } from './stats/stats.service';
import { ApiKeyGuard } from './auth/api-key.guard';
import { CatalogController } from './events/catalog.controller';
import { CurationController } from './curation/curation.controller';
import { EventsController } from './events/events.controller';
import { FeedsController } from './feeds/feeds.controller';
import { HealthController } from './health/health.controller';
import { ProblemFilter } from './http/problem.filter';
import { DeliveriesController } from './subscriptions/deliveries.controller';
import { SubscriptionsController } from './subscriptions/subscriptions.controller';

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => loggerParams(config, 'api') }),
    ObservabilityModule.forProcess('api'),
    DbModule,
    QueueModule,
    AccessModule,
    EventsModule,
    FeedsModule,
    WebhooksModule,
  ],
  controllers: [
    EventsController,
    CatalogController,
    ApiKeysController,
    HealthController,
    FeedsController,
    CurationController,
    SubscriptionsController,
    DeliveriesController,
    MeController,
    StatsController,
  ],
  providers: [StatsService, { provide: APP_GUARD, useClass: ApiKeyGuard }, { provide: APP_FILTER, useClass: ProblemFilter }],
})
export class AppModule {}
