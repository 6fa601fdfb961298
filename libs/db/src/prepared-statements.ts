import { createHash } from 'node:crypto';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { APP_CONFIG, type AppConfig } from '@app/config';
import type { Prisma } from './generated/prisma/client';
import { DatabaseUnavailableError } from './postgres-errors';
import type { SqlRunner } from './sql-runner';

const MAX_NAMES = 200;

/** `date` columns as UTC midnight, as Prisma reads them (pg's own parser makes local midnight, which moves with TZ). */
const DATE_OID = 1082;
const utcMidnight = (value: string): Date => new Date(`${value}T00:00:00Z`);
const types = new pg.TypeOverrides();
types.setTypeParser(DATE_OID, 'text', utcMidnight);

/**
 * The few statements the delivery path runs for every event and every batch of sends (relay, fan-out, claim,
 * record), the timeline version read of every conditional list or feed request, and an event's creation (a
 * transaction), on small pg pools of their own as named prepared statements: Postgres parses each once per
 * connection instead of on every call, and rows come back without Prisma's per-value mapping (on the 2-core dev
 * machine Prisma's raw path took about twice the CPU of pg for the same claim of 10 or 100 rows). Everything else
 * goes through Prisma. Like Prisma, only repositories use it; statements are built with `Prisma.sql`.
 *
 * Plans stay custom (planned with the parameters and statistics of the moment): a generic plan cached while a
 * table was small outlives it — a claim planned when few deliveries were pending went on bitmap-scanning every
 * pending row once 20,000 were. The exceptions are `queryPlannedOnce`, for the fan-out, and `transaction` (see
 * there).
 *
 * `durable` commits wait for the WAL flush, as everywhere else; `relaxed` ones do not. A claim sits on
 * every delivery's path before its POST, and waiting for its flush added a disk sync to each one; losing it (or an
 * attempt's record) to a Postgres crash means the delivery is sent again with the same webhook-id, which the
 * contract already allows. The relay's and fan-out's statements stay durable: a lost fan-out would create the
 * deliveries again under new ids.
 */
@Injectable()
export class PreparedStatements implements OnApplicationShutdown {
  private readonly durable: pg.Pool;
  private readonly relaxed: pg.Pool;
  private readonly plannedOnce: pg.Pool;
  private readonly transactions: pg.Pool;
  private readonly names = new Map<string, string>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // Connections open on first use (the api opens only durable ones, for the timeline version) and are few: the
    // callers batch their work.
    const pool = (max: number, options: string, maxLifetimeSeconds = 0) => {
      const created = new pg.Pool({
        connectionString: config.DATABASE_URL,
        max,
        idleTimeoutMillis: 30_000,
        maxLifetimeSeconds,
        connectionTimeoutMillis: 10_000,
        options,
        types,
      });
      created.on('error', () => undefined); // an idle connection dropped; the next query opens another
      return created;
    };
    // As many as their callers can have at once: 5 fan-outs and the relay; 2 claim and 2 record batches.
    this.durable = pool(6, '-c plan_cache_mode=force_custom_plan');
    this.relaxed = pool(4, '-c plan_cache_mode=force_custom_plan -c synchronous_commit=off');
    // A connection lives 5 minutes at most, so its cached plans are made again for the tables as they have grown.
    this.plannedOnce = pool(5, '-c plan_cache_mode=force_generic_plan', 300);
    // The api's event creations: ten at once (one holds its connection for about 10 ms). A statement past 20 s is
    // cancelled (a 503), as Prisma's transaction timeout ended a transaction. Plans are Postgres's own choice
    // (auto: custom for a statement's first five runs, then the generic plan unless it is dearer): a creation's
    // statements look rows up by key or by a list of values, and a plan cached for each of them took Postgres from
    // 81 % to 70 % CPU while publishing (bench:webhooks); connections live 5 minutes, as for the fan-out.
    this.transactions = pool(10, '-c plan_cache_mode=auto -c statement_timeout=20000', 300);
  }

  async query<R>(statement: Prisma.Sql): Promise<R[]> {
    return this.run<R>(this.durable, statement);
  }

  /**
   * A statement whose commit returns before its WAL is flushed (synchronous_commit off). Only for statements whose
   * loss in a Postgres crash costs a re-send under the same webhook-id and nothing else: a sender's claim and the
   * record of its attempt.
   */
  async queryRelaxed<R>(statement: Prisma.Sql): Promise<R[]> {
    return this.run<R>(this.relaxed, statement);
  }

  /**
   * A statement planned once per connection (a generic plan), for one whose planning costs several times its
   * execution and whose plan does not depend on the parameters' values: the fan-out, a statement of some forty
   * nodes that took 3–5 ms to plan and under 1 ms to run on the 2-core dev machine, on every published change.
   * Its reads of the big tables are by key (a delivery by its unique key or its event, an event by id), which a
   * generic plan makes index lookups even on empty tables; the connection's 5-minute life bounds how long a plan
   * made for small tables lasts.
   */
  async queryPlannedOnce<R>(statement: Prisma.Sql): Promise<R[]> {
    return this.run<R>(this.plannedOnce, statement);
  }

  /**
   * Runs `work` in a transaction (read committed, as Prisma's) on a connection of its own pool, with statements
   * prepared by name like the others. For the write that runs at publishing rate, an event's creation
   * (EventWritesRepository.create): through Prisma's interactive transaction, Prisma's own code took about a third
   * of the api's busy time while publishing, and Postgres parsed each of its statements anew. Waits up to 10 s for
   * a connection, then throws DatabaseUnavailableError (503).
   */
  async transaction<T>(work: (sql: SqlRunner) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.transactions.connect();
    } catch (error) {
      throw new DatabaseUnavailableError(error);
    }
    let broken: Error | undefined;
    // A checked-out connection that drops emits 'error' with no pool listener attached: unheard, that would end the
    // process. Here it marks the connection broken; the statement in flight fails on its own.
    const onError = (error: Error) => {
      broken = error;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await work({ query: <R>(statement: Prisma.Sql) => this.run<R>(client, statement) });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A connection that cannot even roll back is dropped rather than handed to the next transaction.
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw error;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  private async run<R>(pool: pg.Pool | pg.PoolClient, statement: Prisma.Sql): Promise<R[]> {
    const result = await pool.query<R & pg.QueryResultRow>({
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
    await Promise.all([this.durable.end(), this.relaxed.end(), this.plannedOnce.end(), this.transactions.end()]);
  }
}
