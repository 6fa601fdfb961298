/* global performance */
// The bare baseline for bench:webhooks: a BullMQ Queue + Worker with undici POSTing the same bytes to the
// same receiver — no Postgres, no signing, no bookkeeping. Jobs are queued first, then timed while the
// worker drains them. Prints one JSON line: {deliveries, seconds, deliveriesPerSecond}.
// Usage: node bench/bare-delivery.mjs <receiver url> <count> <body file> [concurrency]
import { readFileSync } from 'node:fs';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { Agent, request } from 'undici';

const [receiverUrl, countArg, bodyFile, concurrencyArg] = process.argv.slice(2);
const count = Number(countArg);
const concurrency = Number(concurrencyArg ?? 50);
const body = readFileSync(bodyFile, 'utf8');
const prefix = `bench-bare-${process.pid}-${Date.now()}`;
const connection = () => new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
const queue = new Queue('bare', { connection: connection(), prefix });
const agent = new Agent({ connections: 64, keepAliveTimeout: 30_000 });
const headers = { 'content-type': 'application/json' };

for (let i = 0; i < count; i += 1000) {
  await queue.addBulk(
    Array.from({ length: Math.min(1000, count - i) }, (_, j) => ({
      name: 'send',
      data: { id: i + j },
      opts: { jobId: `b${i + j}`, removeOnComplete: true },
    })),
  );
}

let done = 0;
let failed = 0;
let startedAt = 0;
let resolveDone;
const finished = new Promise((resolve) => (resolveDone = resolve));
startedAt = performance.now();
const worker = new Worker(
  'bare',
  async () => {
    const res = await request(receiverUrl, { method: 'POST', body, headers, dispatcher: agent });
    await res.body.dump();
    if (res.statusCode >= 300) failed++;
    if (++done === count) resolveDone();
  },
  { connection: connection(), prefix, concurrency },
);
worker.on('failed', () => {
  failed++;
  if (++done === count) resolveDone();
});
await finished;
const seconds = (performance.now() - startedAt) / 1000;
console.log(
  JSON.stringify({ deliveries: count, failed, seconds: Number(seconds.toFixed(2)), deliveriesPerSecond: Math.round(count / seconds) }),
);
await worker.close();
await queue.obliterate({ force: true });
await queue.close();
await agent.close();
process.exit(0);
