/* global fetch, Buffer, performance, setInterval, clearInterval */
// `npm run bench:webhooks` (builds first): the publish → signed delivery path under load, and a bare
// BullMQ + undici baseline in the same run. Not a test.
//
//  - a fresh database (trade_timeline_bench_webhooks), migrated and seeded (actors); the seed's own outbox
//    rows are marked done so that they do not fan out to the bench's subscriptions;
//  - api and worker from dist/ as child processes (LOG_LEVEL=warn); with taskset, the worker has CPU 1 to
//    itself, the api and this process (load + receiver) share CPU 0; Postgres and Redis are left unpinned;
//  - a timeline of BENCH_TIMELINE_EVENTS (2,000) published events already there, then ANALYZE;
//  - N subscriptions (BENCH_SUBSCRIPTIONS, 20) matching everything, pointing at a receiver in this process
//    (node:http, 204) that timestamps each delivery;
//  - phase 1 (max): publish more than the worker can send (bulk requests) for BENCH_PROBE_SECONDS; the rate
//    at the receiver while a backlog exists is the max sustained deliveries/s; then the backlog drains;
//  - phase 2 (70 %): single POSTs at a fixed pace so that events/s × N = 70 % of that max, for
//    BENCH_SECONDS; publish-to-delivery latency = receipt − data.event.publishedAt, p50/p99
//    (BENCH_PHASE2_EVENTS_PER_SECOND sets the pace instead, to compare two builds at the same load);
//  - the worker's RSS (VmRSS from /proc) and CPU are sampled throughout;
//  - where phase 2's time goes: for each delivery, how long after publishedAt each step of the path was reached,
//    from the stamps the service writes (outbox, deliveries, attempts) and the receipt;
//  - bare: the same bytes to the same receiver through BullMQ + undici alone: deliveries/s draining a queue, and
//    add-to-receipt p50/p99 of jobs added in bursts of N at phase 2's pace (the latency floor of one BullMQ job
//    per delivery on this machine).
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Redis } from 'ioredis';
import { GC_FLAGS, withHeapLimits } from '../scripts/node-options.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SUBSCRIPTIONS = Number(process.env.BENCH_SUBSCRIPTIONS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const PROBE_SECONDS = Number(process.env.BENCH_PROBE_SECONDS ?? 10);
const PROBE_EVENTS_PER_SECOND = Number(process.env.BENCH_PROBE_EVENTS_PER_SECOND ?? 100);
const TIMELINE_EVENTS = Number(process.env.BENCH_TIMELINE_EVENTS ?? 2000);
// Postgres runs on this machine: reached through its Unix socket where it has one (as a co-located database is
// best reached), else over TCP. BENCH_DATABASE_URL chooses (postgresql://postgres@127.0.0.1:5432/… for TCP).
const PG_SOCKET_DIR = '/var/run/postgresql';
const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ??
  (existsSync(`${PG_SOCKET_DIR}/.s.PGSQL.5432`)
    ? `postgresql://postgres@localhost/trade_timeline_bench_webhooks?host=${PG_SOCKET_DIR}`
    : 'postgresql://postgres@127.0.0.1:5432/trade_timeline_bench_webhooks');
const PG_TRANSPORT = new URL(DATABASE_URL).searchParams.get('host') ? 'its Unix socket' : 'TCP';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const QUEUE_PREFIX = `bench-webhooks-${process.pid}`;
const ADMIN_API_KEY = `bench_admin_${randomBytes(24).toString('base64url')}`;
const log = (...args) => console.error('[bench]', ...args);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const [apiPort, healthPort, receiverPort] = [await freePort(), await freePort(), await freePort()];
const env = {
  ...process.env,
  DATABASE_URL,
  REDIS_URL,
  QUEUE_PREFIX,
  ADMIN_API_KEY,
  PORT: String(apiPort),
  WORKER_HEALTH_PORT: String(healthPort),
  LOG_LEVEL: 'warn',
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
  WEBHOOK_SECRETS_KEY: randomBytes(32).toString('base64'), // secrets sealed, as in production
  RATE_LIMIT_PER_MINUTE: '0', // the load comes from one address
};

// Pinning: this process on CPU 0 (with the api); the worker alone on CPU 1.
let pinned = false;
try {
  execFileSync('taskset', ['-cp', '0', String(process.pid)], { stdio: 'ignore' });
  pinned = true;
} catch {
  log('taskset unavailable: running unpinned');
}
const children = new Set();
// BENCH_CPU_PROFILE=<dir>: api and worker write V8 CPU profiles there when they exit (open them in Chrome DevTools).
// BENCH_NODE_FLAGS: more node flags for both (say --trace-gc), after the GC flags of production (scripts/node-options.mjs).
const nodeFlags = [
  ...GC_FLAGS,
  ...(process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROFILE)}`] : []),
  ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean),
];
function start(script, cpu) {
  const args = pinned ? ['-c', String(cpu), process.execPath, ...nodeFlags, script] : [...nodeFlags, script];
  const child = spawn(pinned ? 'taskset' : process.execPath, args, {
    cwd: root,
    env: withHeapLimits(env),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}
const killAll = () => children.forEach((c) => c.kill('SIGKILL'));
process.on('exit', killAll);
process.on('SIGINT', () => process.exit(130));

// The receiver: 204 for everything; for each delivery, its id (webhook-id), when it arrived and its publish-to-delivery
// latency.
let arrivals = [];
let totalArrivals = 0;
let sampleBody;
const receiver = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const at = Date.now();
    res.writeHead(204).end();
    const body = Buffer.concat(chunks).toString('utf8');
    sampleBody ??= body;
    let publishedAt = null;
    let eventId = null;
    try {
      const event = JSON.parse(body)?.data?.event;
      publishedAt = Date.parse(event?.publishedAt ?? event?.createdAt);
      eventId = event?.id ?? null;
    } catch {
      // not an event delivery
    }
    // The paced bare baseline says when its job was added, instead (see bench/bare-delivery.mjs).
    const addedAt = req.headers['x-bench-added-at'];
    if (addedAt !== undefined) publishedAt = addedAt === 'warm-up' ? null : Number(addedAt);
    totalArrivals++;
    arrivals.push({
      at,
      eventId,
      deliveryId: req.headers['webhook-id'] ?? null,
      latency: Number.isFinite(publishedAt) ? at - publishedAt : null,
    });
  });
});
receiver.keepAliveTimeout = 60_000;
await new Promise((resolve) => receiver.listen(receiverPort, '127.0.0.1', resolve));

// A fresh database, migrated and seeded (the seed brings the actors); the seed's outbox is marked done.
const dbName = new URL(DATABASE_URL).pathname.slice(1);
{
  const admin = new pg.Client({ connectionString: Object.assign(new URL(DATABASE_URL), { pathname: '/postgres' }).toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.end();
}
log(`fresh database ${dbName} (Postgres over ${PG_TRANSPORT}): migrate, seed`);
execFileSync(process.execPath, ['scripts/migrate.mjs'], { cwd: root, env, stdio: 'ignore' });
execFileSync(process.execPath, ['dist/apps/api/apps/api/src/cli.js', 'seed'], { cwd: root, env, stdio: 'ignore' });
const db = new pg.Client({ connectionString: DATABASE_URL });
await db.connect();
await db.query('UPDATE outbox_entries SET relayed_at = now(), fanned_out_at = now()');
// A timeline that already holds events, as a service in use does (BENCH_TIMELINE_EVENTS, 2,000; 0 for none): each
// published, with an actor and a source. Then ANALYZE of those tables, as autovacuum would after such a load (this
// machine's Postgres runs without autovacuum). Plans are made for tables of their real size, and reads that grow
// with the timeline show.
if (TIMELINE_EVENTS > 0) {
  await db.query(
    `WITH e AS (
       INSERT INTO events (id, slug, title, normalized_title, summary, kind, date, date_precision, status, published_at, updated_at)
       SELECT gen_random_uuid(), 'timeline-' || g, 'Timeline event ' || g, 'timeline event ' || g, 'An earlier event of the timeline',
         'statement', date '2024-01-01' + (g % 700), 'day', 'published', now(), now()
       FROM generate_series(1, $1::int) g
       RETURNING id, slug),
     a AS (INSERT INTO event_actors (event_id, actor_code, role) SELECT id, 'CN', 'initiator' FROM e),
     s AS (INSERT INTO sources (id, url, publisher) SELECT gen_random_uuid(), 'https://news.example/' || slug, 'Example News' FROM e RETURNING id, url)
     INSERT INTO event_sources (event_id, source_id) SELECT e.id, s.id FROM e JOIN s ON s.url = 'https://news.example/' || e.slug`,
    [TIMELINE_EVENTS],
  );
  await db.query('ANALYZE events, event_actors, sources, event_sources');
}

const api = start('dist/apps/api/apps/api/src/main.js', 0);
const worker = start('dist/apps/worker/apps/worker/src/main.js', 1);
const base = `http://127.0.0.1:${apiPort}`;
async function up(url) {
  for (let i = 0; i < 300; i++) {
    if ((await fetch(url).catch(() => undefined))?.ok) return;
    await sleep(100);
  }
  throw new Error(`${url} did not come up`);
}
await up(`${base}/readyz`);
await up(`http://127.0.0.1:${healthPort}/healthz`);

const auth = { authorization: `Bearer ${ADMIN_API_KEY}`, 'content-type': 'application/json' };
for (let i = 0; i < SUBSCRIPTIONS; i++) {
  const created = await fetch(`${base}/v1/subscriptions`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ url: `http://127.0.0.1:${receiverPort}/hook/${i}`, filter: {} }),
  });
  if (created.status !== 201) throw new Error(`subscription: ${created.status} ${await created.text()}`);
}
log(`${SUBSCRIPTIONS} subscriptions matching everything`);

// Samplers: RSS of worker and api; CPU of the worker, the api, Postgres (all its processes), Redis and this process
// (the load and the receiver).
const rss = { worker: 0, api: 0 };
const rssOf = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
const rssTimer = setInterval(() => {
  try {
    rss.worker = Math.max(rss.worker, rssOf(worker.pid));
    rss.api = Math.max(rss.api, rssOf(api.pid));
  } catch {
    // a process is gone
  }
}, 200);
const ticks = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks (100/s)
};
// Postgres is many processes (a backend per connection, come and gone): ticks per pid, so that a backend that
// exits inside the window does not make the sum go backwards (its ticks in the window are lost, a slight undercount).
const cpuSnapshot = () => {
  const postgres = new Map();
  let redis = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      if (comm === 'postgres') postgres.set(pid, ticks(pid));
      else if (comm === 'redis-server') redis += ticks(pid);
    } catch {
      // gone
    }
  }
  return { at: performance.now(), worker: ticks(worker.pid), api: ticks(api.pid), bench: ticks(process.pid), redis, postgres };
};
const cpuSince = (a) => {
  const b = cpuSnapshot();
  const seconds = (b.at - a.at) / 1000;
  const pct = (k) => Math.round((b[k] - a[k]) / seconds);
  let postgres = 0;
  for (const [pid, t] of b.postgres) postgres += t - (a.postgres.get(pid) ?? 0);
  return { worker: pct('worker'), api: pct('api'), postgres: Math.round(postgres / seconds), redis: pct('redis'), bench: pct('bench') };
};

/** The longest event-loop delay of api and worker (ms) since the last call: prom-client's, read from /metrics. */
async function longestLoopDelays() {
  const delays = {};
  for (const [name, url] of [
    ['api', `${base}/metrics`],
    ['worker', `http://127.0.0.1:${healthPort}/metrics`],
  ]) {
    const text = await (await fetch(url, { headers: auth }).catch(() => undefined))?.text();
    const seconds = Number(/^nodejs_eventloop_lag_max_seconds\S* (\S+)$/m.exec(text ?? '')?.[1]);
    delays[name] = Number.isFinite(seconds) ? Math.round(seconds * 1000) : NaN;
  }
  return delays;
}

/**
 * Where phase 2's time goes, from what the service itself records: for each delivery, how long after its event's
 * publishedAt each step of the path was reached. The stamps are Postgres's now() in the statement that follows the
 * step (outbox_entries.relayed_at just after the fan-out job was added; deliveries.created_at as the fan-out statement
 * began; outbox_entries.fanned_out_at just after the delivery jobs were added), the sender's clock for the first
 * attempt (after its claim), and this process's for the 201 and the receipt: one machine, one clock; stamps are in ms.
 */
async function stagesOf(received) {
  const byDelivery = new Map(received.filter((a) => a.deliveryId).map((a) => [a.deliveryId, a]));
  const { rows: stamped } = await db.query(
    `SELECT d.id::text, e.id::text AS event_id, e.published_at, o.relayed_at, d.created_at, o.fanned_out_at, a.started_at
     FROM deliveries d
     JOIN events e ON e.id = d.event_id
     JOIN outbox_entries o ON o.event_id = d.event_id AND o.event_version = d.event_version AND o.type = d.type
     JOIN delivery_attempts a ON a.delivery_id = d.id AND a.number = 1
     WHERE d.id = ANY ($1::uuid[])`,
    [[...byDelivery.keys()]],
  );
  const steps = {
    "publisher's 201": [],
    'fan-out job added': [],
    'fan-out statement began': [],
    'delivery jobs added': [],
    'claimed, sending': [],
    received: [],
  };
  for (const r of stamped) {
    const published = r.published_at.getTime();
    const answered = answeredAt.get(r.event_id);
    if (answered !== undefined) steps["publisher's 201"].push(answered - published);
    if (r.relayed_at) steps['fan-out job added'].push(r.relayed_at.getTime() - published);
    steps['fan-out statement began'].push(r.created_at.getTime() - published);
    if (r.fanned_out_at) steps['delivery jobs added'].push(r.fanned_out_at.getTime() - published);
    steps['claimed, sending'].push(r.started_at.getTime() - published);
    steps.received.push(byDelivery.get(r.id).at - published);
  }
  return {
    deliveries: stamped.length,
    table: Object.entries(steps).map(([step, ms]) => ({ step, 'p50 (ms)': percentile(ms, 50), 'p99 (ms)': percentile(ms, 99) })),
  };
}

let seq = 0;
const event = () => ({
  title: `Bench event ${++seq} ${randomBytes(4).toString('hex')}`,
  kind: 'statement',
  date: '2025-05',
  actors: [{ code: 'CN', role: 'initiator' }],
  tags: ['bench'],
  sources: [{ url: `https://example.org/bench/${seq}/${randomBytes(4).toString('hex')}`, publisher: 'Bench' }],
});
const publishStats = { events: 0, refused: 0, statuses: {} };
/** When the publisher got its 201, per event (single POSTs): the commit is just before it. */
const answeredAt = new Map();
async function post(pathname, body, expected) {
  const res = await fetch(`${base}${pathname}`, { method: 'POST', headers: auth, body: JSON.stringify(body) });
  const json = await res.json().catch(() => undefined);
  if (res.status >= 300) publishStats.statuses[res.status] = (publishStats.statuses[res.status] ?? 0) + 1;
  if (res.status >= 300 && process.env.BENCH_DEBUG) log('refused', res.status, JSON.stringify(json).slice(0, 300));
  if (res.status !== 201 && res.status !== 200) {
    publishStats.refused += Array.isArray(body) ? body.length : 1;
    return;
  }
  publishStats.events += Array.isArray(body) ? (json?.created ?? 0) : expected;
  if (!Array.isArray(body) && json?.id) answeredAt.set(json.id, Date.now());
}

/** Publishes `eventsPerSecond` for `seconds` at a fixed pace, in requests of `batch` events (bulk when > 1). */
async function publishAtRate(eventsPerSecond, seconds, batch = 1) {
  const requestsPerSecond = eventsPerSecond / batch;
  const total = Math.round(requestsPerSecond * seconds);
  const interval = 1000 / requestsPerSecond;
  const startedAt = performance.now();
  const inflight = new Set();
  for (let i = 0; i < total; i++) {
    const wait = startedAt + i * interval - performance.now();
    if (wait > 0) await sleep(wait);
    const p = (batch > 1 ? post('/v1/events/bulk', Array.from({ length: batch }, event)) : post('/v1/events', event(), 1)).finally(() =>
      inflight.delete(p),
    );
    inflight.add(p);
    if (inflight.size >= 64) await Promise.race(inflight);
  }
  await Promise.all(inflight);
  return (performance.now() - startedAt) / 1000;
}

const benchEvents = async () => (await db.query(`SELECT count(*)::int AS n FROM events WHERE title LIKE 'Bench event %'`)).rows[0].n;

/**
 * Waits until every bench event published so far (counted in Postgres: a 503 can come after some items of a
 * bulk request committed) has reached the receiver once per subscription, or nothing arrived for 15 s.
 */
async function drain() {
  let expected = (await benchEvents()) * SUBSCRIPTIONS;
  let last = totalArrivals;
  let still = Date.now();
  while (totalArrivals < expected) {
    await sleep(200);
    if (totalArrivals !== last) [last, still] = [totalArrivals, Date.now()];
    else if (Date.now() - still > 15_000) break;
    expected = (await benchEvents()) * SUBSCRIPTIONS;
  }
  if (totalArrivals < expected) log(`  only ${totalArrivals} of ${expected} deliveries arrived`);
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
};

// Warm-up.
const loadBefore = loadavg()[0];
log('warm-up');
await publishAtRate(10, 3);
await drain();

// Phase 1: offered load above what the worker can send; the receiver's rate while a backlog exists.
log(`phase 1: ${PROBE_EVENTS_PER_SECOND} events/s × ${SUBSCRIPTIONS} offered for ${PROBE_SECONDS} s (bulk, 10 per request)`);
arrivals = [];
const before = await benchEvents();
const cpu1 = cpuSnapshot();
const phase1Start = Date.now();
const probeSeconds = await publishAtRate(PROBE_EVENTS_PER_SECOND, PROBE_SECONDS, 10);
const phase1End = Date.now();
const phase1Cpu = cpuSince(cpu1);
const offered1 = ((await benchEvents()) - before) * SUBSCRIPTIONS;
const windowStart = phase1Start + 2000; // past the start-up of the first fan-outs
const inWindow = arrivals.filter((a) => a.at >= windowStart && a.at <= phase1End).length;
const windowRate = Math.round(inWindow / ((phase1End - windowStart) / 1000));
log(
  `  offered ${Math.round(offered1 / probeSeconds)} deliveries/s; received ${windowRate}/s in the window; draining ${offered1 - arrivals.length}`,
);
const drainStart = Date.now();
const receivedAtEnd = arrivals.length;
const cpuDrain = cpuSnapshot();
await drain();
const drainCpu = cpuSince(cpuDrain);
const drainRate = Math.round((arrivals.length - receivedAtEnd) / Math.max(0.001, (arrivals.at(-1).at - drainStart) / 1000));
const saturated = receivedAtEnd < 0.95 * offered1;
// While saturated, the max is what got through; the backlog's drain (no publishing) is reported beside it.
const maxRate = saturated ? windowRate : Math.round(offered1 / probeSeconds);

// Phase 2: 70 % of the max, single POSTs at a fixed pace, latency per delivery.
const pacedByHand = Number(process.env.BENCH_PHASE2_EVENTS_PER_SECOND) > 0;
const eventsPerSecond = pacedByHand
  ? Number(process.env.BENCH_PHASE2_EVENTS_PER_SECOND)
  : Math.max(1, Math.round((0.7 * maxRate) / SUBSCRIPTIONS));
log(`phase 2: ${eventsPerSecond} events/s × ${SUBSCRIPTIONS} for ${SECONDS} s (single POSTs)`);
await longestLoopDelays();
arrivals = [];
const cpu2 = cpuSnapshot();
const phase2Seconds = await publishAtRate(eventsPerSecond, SECONDS, 1);
const phase2Cpu = cpuSince(cpu2);
await drain();
const latencies = arrivals.map((a) => a.latency).filter((l) => l !== null);
// BENCH_ARRIVALS=<file>: phase 2's arrivals as JSON lines ({at, eventId, latency, answeredAt}), to study the tail.
if (process.env.BENCH_ARRIVALS) {
  writeFileSync(
    process.env.BENCH_ARRIVALS,
    arrivals.map((a) => JSON.stringify({ ...a, answeredAt: answeredAt.get(a.eventId) ?? null })).join('\n') + '\n',
  );
}
// The same deliveries measured from the publisher's 201 instead: without the api's write transaction, which runs
// after publishedAt is set. Negative when a delivery arrived before the publisher had its answer.
const sinceAnswer = arrivals.filter((a) => answeredAt.has(a.eventId)).map((a) => a.at - answeredAt.get(a.eventId));
const phase2Rate = Math.round(arrivals.length / ((arrivals.at(-1).at - arrivals[0].at) / 1000));
clearInterval(rssTimer);

// The longest event-loop delay of api and worker since the scrape before phase 2 (prom-client resets its histogram
// on every scrape): a stall of a process in phase 2 shows here, not the boot's or phase 1's.
const loopMax = await longestLoopDelays();
const stages = await stagesOf(arrivals);

// The bare baseline, with the api and worker stopped: same receiver, same bytes, same concurrency.
api.kill('SIGTERM');
worker.kill('SIGTERM');
await Promise.all([api, worker].map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : null)));
const bodyFile = path.join(tmpdir(), `bench-webhooks-body-${process.pid}.json`);
writeFileSync(bodyFile, sampleBody);
const bareCount = Math.max(20_000, maxRate * 10);
/** Runs bench/bare-delivery.mjs on the worker's CPU; resolves to the JSON line it prints. */
const runBare = (args) =>
  new Promise((resolve, reject) => {
    const all = ['bench/bare-delivery.mjs', args[0], `http://127.0.0.1:${receiverPort}/hook`, bodyFile, ...args.slice(1).map(String)];
    const child = spawn(pinned ? 'taskset' : process.execPath, pinned ? ['-c', '1', process.execPath, ...all] : all, {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.add(child);
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1))) : reject(new Error(`bare exited ${code}`)),
    );
  });
log(`bare: ${bareCount} deliveries through BullMQ + undici (concurrency 50)`);
arrivals = [];
const bare = await runBare(['drain', 50, bareCount]);
// The latency floor: one BullMQ job per delivery, added in bursts of N at phase 2's pace, sent with undici
// (the service's default WEBHOOK_CONCURRENCY of 100), from the add to the receipt.
log(`bare, paced: ${eventsPerSecond} bursts/s × ${SUBSCRIPTIONS} jobs for ${SECONDS} s (after 3 s of warm-up)`);
arrivals = [];
await runBare(['paced', 100, eventsPerSecond, SUBSCRIPTIONS, SECONDS]);
const bareLatencies = arrivals.map((a) => a.latency).filter((l) => l !== null);
rmSync(bodyFile, { force: true });

// Clean up this run's Redis keys (the database stays for inspection; it is recreated on the next run).
const redis = new Redis(REDIS_URL);
let cursor = '0';
do {
  const [next, keys] = await redis.scan(cursor, 'MATCH', `${QUEUE_PREFIX}:*`, 'COUNT', 1000);
  cursor = next;
  if (keys.length) await redis.del(...keys);
} while (cursor !== '0');
redis.disconnect();
const { rows } = await db.query(`SELECT status::text, count(*)::int AS n FROM deliveries GROUP BY status ORDER BY status`);
await db.end();

const mb = (bytes) => Math.round(bytes / 1048576);
const ok = (pass) => (pass ? 'ok' : 'MISSED');
console.log(
  `\nbench:webhooks — ${SUBSCRIPTIONS} subscriptions matching everything, a timeline of ${TIMELINE_EVENTS} events; ` +
    `Postgres over ${PG_TRANSPORT}; ` +
    (pinned ? 'worker on CPU 1, api + load + receiver on CPU 0, Postgres/Redis unpinned' : 'unpinned') +
    `; load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after`,
);
console.table([
  {
    measure: `max sustained deliveries/s (${PROBE_SECONDS} s, ${Math.round(offered1 / probeSeconds)}/s offered${saturated ? '' : ', all of it sent: the publishing is the limit'})`,
    value: maxRate,
    target: '≥ 1,500',
    '': maxRate >= 1500 ? 'ok' : saturated ? 'MISSED' : 'not reached (raise N)',
  },
  { measure: '  backlog drain, no publishing (deliveries/s)', value: drainRate, target: '', '': '' },
  {
    measure: `  CPU % during the drain (worker / api / postgres / redis / load + receiver)`,
    value: `${drainCpu.worker} / ${drainCpu.api} / ${drainCpu.postgres} / ${drainCpu.redis} / ${drainCpu.bench}`,
    target: '',
    '': '',
  },
  {
    measure: `  CPU % during phase 1 (worker / api / postgres / redis / load + receiver)`,
    value: `${phase1Cpu.worker} / ${phase1Cpu.api} / ${phase1Cpu.postgres} / ${phase1Cpu.redis} / ${phase1Cpu.bench}`,
    target: '',
    '': '',
  },
  {
    measure: `${pacedByHand ? 'at the pace set' : 'at 70 %'}: ${eventsPerSecond} events/s × ${SUBSCRIPTIONS} → deliveries/s received`,
    value: phase2Rate,
    target: `${eventsPerSecond * SUBSCRIPTIONS}`,
    '': '',
  },
  { measure: '  publish-to-delivery p50 (ms)', value: percentile(latencies, 50), target: '≤ 10', '': ok(percentile(latencies, 50) <= 10) },
  { measure: '  publish-to-delivery p99 (ms)', value: percentile(latencies, 99), target: '≤ 50', '': ok(percentile(latencies, 99) <= 50) },
  { measure: '  publish-to-delivery max (ms)', value: Math.max(...latencies), target: '', '': '' },
  {
    measure: "  from the publisher's 201 instead: p50 / p99 (ms)",
    value: `${percentile(sinceAnswer, 50)} / ${percentile(sinceAnswer, 99)}`,
    target: '',
    '': '',
  },
  {
    measure: `  CPU % during phase 2 (worker / api / postgres / redis / load + receiver)`,
    value: `${phase2Cpu.worker} / ${phase2Cpu.api} / ${phase2Cpu.postgres} / ${phase2Cpu.redis} / ${phase2Cpu.bench}`,
    target: '',
    '': '',
  },
  { measure: 'longest event-loop delay in phase 2, api / worker (ms)', value: `${loopMax.api} / ${loopMax.worker}`, target: '', '': '' },
  { measure: 'worker max RSS (MB)', value: mb(rss.worker), target: '≤ 200', '': ok(mb(rss.worker) <= 200) },
  { measure: 'api max RSS (MB)', value: mb(rss.api), target: '≤ 200', '': ok(mb(rss.api) <= 200) },
  { measure: 'bare BullMQ + undici deliveries/s', value: bare.deliveriesPerSecond, target: '(baseline)', '': '' },
  { measure: 'app / bare', value: (maxRate / bare.deliveriesPerSecond).toFixed(2), target: '', '': '' },
  {
    measure: `bare, ${eventsPerSecond} bursts/s × ${SUBSCRIPTIONS} jobs: add-to-receipt p50 / p99 (ms)`,
    value: `${percentile(bareLatencies, 50)} / ${percentile(bareLatencies, 99)}`,
    target: '(floor)',
    '': '',
  },
]);
console.log(`where phase 2's time goes: how long after publishedAt each step was reached (${stages.deliveries} deliveries)`);
console.table(stages.table);
console.log(
  `published ${publishStats.events} events (${publishStats.refused} refused: ${JSON.stringify(publishStats.statuses)}), phase 2 took ${phase2Seconds.toFixed(1)} s; ` +
    `deliveries by status: ${rows.map((r) => `${r.status} ${r.n}`).join(', ')}`,
);
receiver.close();
process.exit(0);
