import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PrismaClient } from './generated/prisma/client';

/** The one Prisma client of a process. Only repositories inject it. */
@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super({
      adapter: new PrismaPg({ connectionString: config.DATABASE_URL, max: 20 }),
      // Prisma's defaults (2 s to get a connection, 5 s to finish) turn a briefly saturated machine into 503s;
      // a write would rather wait a few seconds. Past these, the api answers 503 with Retry-After.
      transactionOptions: { maxWait: 10_000, timeout: 20_000 },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}

/** The client inside a `$transaction(async (tx) => …)`. */
export type PrismaTx = Parameters<Parameters<PrismaService['$transaction']>[0]>[0];
