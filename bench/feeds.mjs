/* global fetch, setInterval, clearInterval */
// `npm run bench:feeds`: autocannon against /feed.json (50 items) — 200s and 304s — and against a bare
// Fastify server sending the same bytes, in the same run. The load generator runs on CPU 0, the servers
// on CPU 1 (taskset), since on a 2-core machine autocannon alone can take a whole core.
// Not a test: it prints req/s and p99 and the ratio to the bare server.
import { execFileSync, execSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { GC_FLAGS, HEAP_OPTIONS } from '../scripts/node-options.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const API_PORT = 3190;
const BARE_PORT = 3191;
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/trade_timeline_bench';
const ADMIN_API_KEY = `bench_admin_${randomBytes(24).toString('base64url')}`;

const pin = (cpu) => {
  try {
    execFileSync('taskset', ['-cp', String(cpu), String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const pinned = pin(0);
const onCpu1 = (args) => (pinned ? ['taskset', ['-c', '1', ...args]] : [args[0], args.slice(1)]);

const children = [];
function start(name, args, env) {
  const [cmd, argv] = onCpu1(args);
  const child = spawn(cmd, argv, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
  children.push(child);
  child.on('exit', (code) => code && code !== 143 && console.error(`${name} exited with ${code}`));
  return child;
}
function stopAll() {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
}
process.on('exit', stopAll);

async function waitFor(url) {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

function run(url, headers = {}) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers }, (error, result) => {
      if (error) reject(error);
      else resolve(result);
    });
  });
}

const apiEnv = {
  NODE_ENV: 'production',
  DATABASE_URL,
  PORT: String(API_PORT),
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  QUEUE_PREFIX: 'tt_bench',
  ADMIN_API_KEY,
  // One load generator is one client address: with a real budget it would measure the 429 path. The limiter stays
  // on (its cost is part of every request) with a budget the run never reaches; BENCH_RATE_LIMIT=0 turns it off.
  RATE_LIMIT_PER_MINUTE: process.env.BENCH_RATE_LIMIT ?? '1000000000',
};

console.log('building the api, migrating and seeding the bench database…');
execSync('npx nest build api', { cwd: root, stdio: 'inherit' });
execSync('node scripts/migrate.mjs', { cwd: root, stdio: 'inherit', env: { ...process.env, DATABASE_URL } });
execSync('node dist/apps/api/apps/api/src/cli.js seed', { cwd: root, stdio: 'inherit', env: { ...process.env, ...apiEnv } });
const apiProcess = start('api', ['node', ...HEAP_OPTIONS.split(' '), ...GC_FLAGS, 'dist/apps/api/apps/api/src/main.js'], apiEnv);
const api = `http://127.0.0.1:${API_PORT}`;
await waitFor(`${api}/healthz`);
// The api's RSS (taskset execs node, so the pid is the api's), sampled throughout.
let maxRss = 0;
const rssTimer = setInterval(() => {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${apiProcess.pid}/status`, 'utf8'))?.[1] ?? 0);
    maxRss = Math.max(maxRss, Math.round(kb / 1024));
  } catch {
    // gone
  }
}, 200);

// 50 published events, so a default page of /feed.json carries 50 items.
const have = (await (await fetch(`${api}/v1/events?limit=200`)).json()).data.length;
for (let i = have; i < 50; i++) {
  const day = String((i % 28) + 1).padStart(2, '0');
  const res = await fetch(`${api}/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      title: `Benchmark event ${i} ${randomBytes(3).toString('hex')}`,
      summary: 'Tariffs on steel and aluminium rise again; the other side announces countermeasures within days. '.repeat(2),
      kind: i % 2 ? 'tariff_action' : 'statement',
      date: `2025-${String((i % 12) + 1).padStart(2, '0')}-${day}`,
      actors: [
        { code: 'US', role: 'initiator' },
        { code: 'CN', role: 'target' },
      ],
      tags: ['tariffs', 'benchmark'],
      sources: [{ url: `https://example.org/bench/${randomBytes(6).toString('hex')}`, publisher: 'Example', title: 'A report' }],
    }),
  });
  if (res.status !== 201) throw new Error(`seeding failed: ${res.status} ${await res.text()}`);
}

const feedUrl = `${api}/feed.json?limit=50`;
const first = await fetch(feedUrl);
const body = await first.text();
const etag = first.headers.get('etag');
const items = JSON.parse(body).items.length;
const file = path.join(mkdtempSync(path.join(tmpdir(), 'tt-bench-')), 'feed.json');
writeFileSync(file, body);
start('bare', ['node', 'bench/bare-server.mjs'], { BODY_FILE: file, ETAG: etag, PORT: String(BARE_PORT) });
const bare = `http://127.0.0.1:${BARE_PORT}/feed.json`;
await waitFor(bare);

console.log(`\n/feed.json: ${items} items, ${body.length} bytes, ETag ${etag}; ${CONNECTIONS} connections, ${DURATION}s per run`);
console.log(pinned ? 'autocannon on CPU 0, servers on CPU 1' : 'taskset unavailable: NOT pinned, figures are rougher');
await run(feedUrl, {}); // warm-up: JIT, connection pools, render cache

const cases = [
  ['api 200', feedUrl, {}],
  ['bare 200', bare, {}],
  ['api 304', feedUrl, { 'if-none-match': etag }],
  ['bare 304', bare, { 'if-none-match': etag }],
];
const results = {};
for (const [name, url, headers] of cases) {
  const r = await run(url, headers);
  const status = name.endsWith('304') ? '3xx' : '2xx';
  const counted = status === '3xx' ? r['3xx'] : r['2xx'];
  results[name] = {
    reqPerSec: Math.round(r.requests.average),
    p99: r.latency.p99,
    errors: r.errors + r.non2xx - (status === '3xx' ? r['3xx'] : 0),
    counted,
  };
  console.log(
    `${name.padEnd(9)} ${String(results[name].reqPerSec).padStart(7)} req/s   p99 ${String(r.latency.p99).padStart(4)} ms   (${counted} ${status}, ${results[name].errors} other)`,
  );
}
// Memory with the render cache full: every limit of /feed.json and /feed.atom is a cache entry of its own.
for (let limit = 1; limit <= 300; limit++) {
  for (const feed of ['feed.json', 'feed.atom'])
    await (await fetch(`${api}/${feed}?limit=${Math.min(limit, 200)}&from=${2000 + (limit % 100)}`)).arrayBuffer();
}
await new Promise((r) => setTimeout(r, 500));
clearInterval(rssTimer);
console.log(`api max RSS ${maxRss} MB (target ≤ 200), after 600 more feed variants filled the render cache (32 MB, 500 entries)`);
const ratio = (a, b) => (results[a].reqPerSec / results[b].reqPerSec).toFixed(2);
console.log(`\nratio to bare Fastify: 200 ${ratio('api 200', 'bare 200')}, 304 ${ratio('api 304', 'bare 304')}`);
console.log('targets: 304 ≥ 10000 req/s with p99 ≤ 10 ms; 200 ≥ 2000 req/s with p99 ≤ 30 ms');
stopAll();
process.exit(0);
