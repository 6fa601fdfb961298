import { createHash } from 'node:crypto';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { APP_CONFIG, type AppConfig } from '@app/config';
import type { Prisma } from './generated/prisma/client';

const MAX_NAMES = 200;

/**
 * The few statements the delivery path runs for every event and every batch of sends (relay, fan-out, claim,
 * record), on a small pg pool of their own as named prepared statements: Postgres parses each once per connection
 * instead of on every call, and rows come back without Prisma's per-value mapping (on the 2-core dev machine
 * Prisma's raw path took about twice the CPU of pg for the same claim of 10 or 100 rows). Everything else goes
 * through Prisma. Like Prisma, only repositories use it; statements are built with `Prisma.sql`.
 *
 * Plans stay custom (planned with the parameters and statistics of the moment): a generic plan cached while a
 * table was small outlives it — a claim planned when few deliveries were pending went on bitmap-scanning every
 * pending row once 20,000 were.
 */
@Injectable()
export class PreparedStatements implements OnApplicationShutdown {
  private readonly pool: pg.Pool;
  private readonly names = new Map<string, string>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // Connections open on first use (the api never uses it) and are few: the callers batch their work.
    this.pool = new pg.Pool({
      connectionString: config.DATABASE_URL,
      max: 10, // the callers at most at once: 5 fan-outs, 2 claim and 2 record batches, the relay
      idleTimeoutMillis: 30_000,
      options: '-c plan_cache_mode=force_custom_plan',
    });
    this.pool.on('error', () => undefined); // an idle connection dropped; the next query opens another
  }

  async query<R>(statement: Prisma.Sql): Promise<R[]> {
    const result = await this.pool.query<R & pg.QueryResultRow>({
      name: this.nameOf(statement.text),
      text: statement.text,
      values: statement.values,
    });
    return result.rows;
  }

  /** One name per statement text (Postgres keeps prepared statements by name, per connection). */
  private nameOf(text: string): string {
    let name = this.names.get(text);
    if (!name) {
      if (this.names.size >= MAX_NAMES) this.names.clear();
      name = `tt_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
      this.names.set(text, name);
    }
    return name;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
