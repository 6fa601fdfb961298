/* global performance */
// `node bench/round-trips.mjs`: what one step of the delivery path costs on this machine, with nothing of the
// service in it. Times a Redis PING, a Postgres `SELECT 1` (over the Unix socket where there is one) and a BullMQ
// add of one job and of twenty (one fan-out's worth), each 200 times back to back and 200 times 20 ms apart, as
// they come in the path at a low publishing rate. Prints p50 and p90 in ms. Not a test.
import { existsSync } from 'node:fs';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PG_SOCKET_DIR = '/var/run/postgresql';
const pgConfig = existsSync(`${PG_SOCKET_DIR}/.s.PGSQL.5432`)
  ? { host: PG_SOCKET_DIR, user: 'postgres', database: 'postgres' }
  : { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' };
const prefix = `bench-round-trips-${process.pid}`;

const redis = new Redis(REDIS_URL);
const queueConnection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
const queue = new Queue('round-trips', { connection: queueConnection, prefix });
const postgres = new pg.Client(pgConfig);
await postgres.connect();

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const jobs = (tag, n) =>
  Array.from({ length: n }, (_, k) => ({ name: 'x', data: {}, opts: { jobId: `${tag}-${k}`, removeOnComplete: true } }));
const steps = {
  'Redis PING': () => redis.ping(),
  'Postgres SELECT 1': () => postgres.query('SELECT 1'),
  'BullMQ add, 1 job': (tag) => queue.addBulk(jobs(tag, 1)),
  'BullMQ add, 20 jobs': (tag) => queue.addBulk(jobs(tag, 20)),
};

const rows = [];
for (const gapMs of [0, 20]) {
  for (const [step, run] of Object.entries(steps)) {
    const times = [];
    for (let i = 0; i < 200; i++) {
      if (gapMs) await sleep(gapMs);
      const start = performance.now();
      await run(`${gapMs}-${step.length}-${i}`);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    rows.push({ step, 'apart (ms)': gapMs, 'p50 (ms)': times[100].toFixed(2), 'p90 (ms)': times[180].toFixed(2) });
  }
}
console.table(rows);

await queue.obliterate({ force: true });
await queue.close();
await postgres.end();
redis.disconnect();
queueConnection.disconnect();
