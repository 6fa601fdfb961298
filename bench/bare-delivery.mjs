/* global performance */
// The bare baselines for bench:webhooks: a BullMQ Queue + Worker with undici POSTing the same bytes to the
// same receiver — no Postgres, no signing, no bookkeeping. Two modes:
//  - drain: `count` jobs are queued first, then timed while the worker drains them. Prints one JSON line:
//    {deliveries, seconds, deliveriesPerSecond}.
//  - paced: bursts of `burst` jobs (one per subscription, as a fan-out adds them) added `burstsPerSecond` times a
//    second for `seconds`, after 3 s of warm-up, each POST carrying the time its job was added in the
//    `x-bench-added-at` header ("warm-up" during the warm-up), so that the receiver measures add-to-receipt
//    latency: what one BullMQ job per delivery costs on this machine, at the pace of the service's phase 2.
//    Prints one JSON line: {deliveries, seconds}.
// Usage: node bench/bare-delivery.mjs drain <receiver url> <body file> <concurrency> <count>
//        node bench/bare-delivery.mjs paced <receiver url> <body file> <concurrency> <burstsPerSecond> <burst> <seconds>
import { readFileSync } from 'node:fs';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { Agent, request } from 'undici';

const [mode, receiverUrl, bodyFile, concurrencyArg, ...rest] = process.argv.slice(2);
const concurrency = Number(concurrencyArg);
const body = readFileSync(bodyFile, 'utf8');
const prefix = `bench-bare-${process.pid}-${Date.now()}`;
const connection = () => new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
const queue = new Queue('bare', { connection: connection(), prefix });
const agent = new Agent({ connections: 64, keepAliveTimeout: 30_000 });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let done = 0;
let failed = 0;
let expected = Infinity;
let resolveDone;
const finished = new Promise((resolve) => (resolveDone = resolve));
const settle = () => {
  if (++done >= expected) resolveDone();
};

/** The worker, started paused in drain mode so that the queue is filled before the clock starts. */
function startWorker(autorun) {
  const worker = new Worker(
    'bare',
    async (job) => {
      const headers = { 'content-type': 'application/json' };
      if (job.data.addedAt !== undefined) headers['x-bench-added-at'] = String(job.data.addedAt);
      const res = await request(receiverUrl, { method: 'POST', body, headers, dispatcher: agent });
      await res.body.dump();
      if (res.statusCode >= 300) failed++;
      settle();
    },
    { connection: connection(), prefix, concurrency, autorun },
  );
  worker.on('failed', () => {
    failed++;
    settle();
  });
  return worker;
}

let worker;
let startedAt;
if (mode === 'drain') {
  expected = Number(rest[0]);
  for (let i = 0; i < expected; i += 1000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1000, expected - i) }, (_, j) => ({
        name: 'send',
        data: { id: i + j },
        opts: { jobId: `b${i + j}`, removeOnComplete: true },
      })),
    );
  }
  worker = startWorker(false);
  startedAt = performance.now();
  void worker.run();
} else if (mode === 'paced') {
  const [burstsPerSecond, burst, seconds] = rest.map(Number);
  worker = startWorker(true);
  await worker.waitUntilReady();
  const warmUp = 3 * burstsPerSecond;
  const bursts = warmUp + seconds * burstsPerSecond;
  expected = bursts * burst;
  startedAt = performance.now();
  for (let i = 0; i < bursts; i++) {
    const wait = startedAt + (i * 1000) / burstsPerSecond - performance.now();
    if (wait > 0) await sleep(wait);
    const addedAt = i < warmUp ? 'warm-up' : Date.now();
    void queue.addBulk(Array.from({ length: burst }, () => ({ name: 'send', data: { addedAt }, opts: { removeOnComplete: true } })));
  }
} else {
  throw new Error(`Unknown mode ${mode}: drain or paced`);
}

await finished;
const seconds = (performance.now() - startedAt) / 1000;
console.log(
  JSON.stringify({
    deliveries: expected,
    failed,
    seconds: Number(seconds.toFixed(2)),
    deliveriesPerSecond: Math.round(expected / seconds),
  }),
);
await worker.close();
await queue.obliterate({ force: true });
await queue.close();
await agent.close();
process.exit(0);
