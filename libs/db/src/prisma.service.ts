import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PrismaClient } from './generated/prisma/client';

/** The one Prisma client of a process. Only repositories inject it. */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super({
      adapter: new PrismaPg({ connectionString: config.DATABASE_URL, max: 20 }),
      // Prisma's defaults (2 s to get a connection, 5 s to finish) turn a briefly saturated machine into 503s;
      // a write would rather wait a few seconds. Past these, the api answers 503 with Retry-After.
      transactionOptions: { maxWait: 10_000, timeout: 20_000 },
    });
  }

  /**
   * Connects, and runs one raw query, at boot: Prisma instantiates a WebAssembly module on connect and another on
   * its first raw query, each a burst of CPU. Lazily, that burst landed mid-traffic — in the worker, whose hot path
   * is on PreparedStatements, at its first sweep 30 s after start, stalling deliveries for 300–400 ms on a busy
   * 2-core machine (bench:webhooks).
   */
  async onModuleInit(): Promise<void> {
    await this.$connect();
    await this.$queryRaw`SELECT 1`;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}

/** The client inside a `$transaction(async (tx) => …)`. */
export type PrismaTx = Parameters<Parameters<PrismaService['$transaction']>[0]>[0];
