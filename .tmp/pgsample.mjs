import pg from 'pg';
const c = new pg.Client({ connectionString: 'postgresql://postgres@127.0.0.1:5432/postgres' });
await c.connect();
const tally = new Map();
const end = Date.now() + Number(process.argv[2] ?? 30) * 1000;
let n = 0;
while (Date.now() < end) {
  const r = await c.query(`select coalesce(wait_event_type,'cpu')||':'||coalesce(wait_event,'') w, left(regexp_replace(query,'\\s+',' ','g'),90) q from pg_stat_activity where datname='trade_timeline_bench_webhooks' and state='active' and pid<>pg_backend_pid()`);
  n++;
  for (const row of r.rows) { const k = row.w + ' | ' + row.q; tally.set(k, (tally.get(k) ?? 0) + 1); }
  await new Promise((r) => setTimeout(r, 5));
}
console.log('samples', n);
for (const [k, v] of [...tally].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(v, k);
await c.end();
