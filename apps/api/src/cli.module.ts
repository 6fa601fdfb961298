import { Module } from '@nestjs/common';
import { AccessModule } from '@app/access';
import { ConfigModule } from '@app/config';
import { DbModule } from '@app/db';
import { EventsModule } from '@app/events';
import { SeedRepository } from '../../../prisma/seed/seed.repository';

/** What the command line needs: the database, keys and the event write path; no HTTP, no queue. */
@Module({ imports: [ConfigModule, DbModule, AccessModule, EventsModule], providers: [SeedRepository] })
export class CliModule {}
