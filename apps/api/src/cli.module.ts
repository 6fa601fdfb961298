import { Module } from '@nestjs/common';
import { AccessModule } from '@app/access';
import { ConfigModule } from '@app/config';
import { DbModule } from '@app/db';
import { EventsModule } from '@app/events';
import { SecretBox, SecretsResealer, SubscriptionsRepository } from '@app/webhooks';
import { SeedRepository } from '../../../prisma/seed/seed.repository';

/** What the command line needs: the database, keys, the event write path and the secrets' sealing; no HTTP, no queue. */
@Module({
  imports: [ConfigModule, DbModule, AccessModule, EventsModule],
  providers: [SeedRepository, SecretBox, SubscriptionsRepository, SecretsResealer],
})
export class CliModule {}
