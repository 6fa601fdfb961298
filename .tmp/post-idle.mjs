// node .tmp/post-idle.mjs <root> : sequential POST /v1/events against an api started from <root>/dist, median latency and api CPU per POST
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
const root = process.argv[2];
const N = Number(process.argv[3] ?? 300);
const port = 40000 + Math.floor(Math.random() * 1000);
const key = `bench_admin_${randomBytes(24).toString('base64url')}`;
const env = { ...process.env, DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/trade_timeline_bench_webhooks', REDIS_URL: 'redis://127.0.0.1:6379', QUEUE_PREFIX: 'postidle', ADMIN_API_KEY: key, PORT: String(port), LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', NODE_OPTIONS: '--max-old-space-size=96 --max-semi-space-size=8' };
const child = spawn('taskset', ['-c', '0', process.execPath, ...(process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.PROF] : []), `${root}/dist/apps/api/apps/api/src/main.js`], { env, stdio: ['ignore', 'ignore', 'inherit'] });
const base = `http://127.0.0.1:${port}`;
for (;;) { try { if ((await fetch(`${base}/healthz`)).ok) break; } catch {} await new Promise((r) => setTimeout(r, 200)); }
const cpu = () => { const f = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
let seq = 0;
const post = async () => { const t = performance.now(); const r = await fetch(`${base}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ title: `Idle ${Date.now()} ${++seq} ${randomBytes(4).toString('hex')}`, kind: 'statement', date: '2025-05', actors: [{ code: 'CN', role: 'initiator' }], tags: ['bench'], sources: [{ url: `https://example.org/idle/${randomBytes(8).toString('hex')}`, publisher: 'Bench' }] }) }); await r.arrayBuffer(); if (r.status !== 201) throw new Error(String(r.status)); return performance.now() - t; };
for (let i = 0; i < 50; i++) await post();
const c0 = cpu(); const times = [];
for (let i = 0; i < N; i++) times.push(await post());
const c1 = cpu();
times.sort((a, b) => a - b);
console.log(root, `median ${times[N >> 1].toFixed(1)} ms, p90 ${times[Math.floor(N * 0.9)].toFixed(1)} ms, api CPU ${((c1 - c0) / N).toFixed(2)} ms/POST`);
child.kill('SIGTERM');
