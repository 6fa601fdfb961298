import { Module } from '@nestjs/common';
import { DeliveryStatsRepository } from './delivery-stats.repository';
import { EventsModule } from '@app/events';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveryQueue } from './delivery-queue';
import { DeliveryService } from './delivery.service';
import { FanOutService } from './fan-out.service';
import { OutboxRepository } from './outbox.repository';
import { QueueStatsService } from './queue-stats.service';
import { SecretBox } from './secret-box';
import { SubscriptionsRepository } from './subscriptions.repository';
import { SubscriptionsService } from './subscriptions.service';
import { WebhookSender } from './webhook-sender';

@Module({
  imports: [EventsModule],
  providers: [
    DeliveryStatsRepository,
    SubscriptionsRepository,
    DeliveriesRepository,
    OutboxRepository,
    DeliveryQueue,
    SubscriptionsService,
    DeliveryService,
    FanOutService,
    QueueStatsService,
    SecretBox,
    WebhookSender,
  ],
  exports: [
    DeliveryStatsRepository,
    SubscriptionsService,
    DeliveryService,
    FanOutService,
    QueueStatsService,
    OutboxRepository,
    DeliveriesRepository,
    DeliveryQueue,
  ],
})
export class WebhooksModule {}
