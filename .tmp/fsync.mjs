import pg from 'pg';
for (const sync of ['on', 'off', 'on', 'off']) {
  const c = new pg.Client({ connectionString: 'postgresql://postgres@127.0.0.1/trade_timeline_bench_webhooks', options: `-c synchronous_commit=${sync}` });
  await c.connect();
  const ids = (await c.query('select id from deliveries limit 300')).rows.map((r) => r.id);
  const t = [];
  for (const id of ids) { const s = performance.now(); await c.query({ name: 'u', text: 'UPDATE deliveries SET updated_at = now() WHERE id = $1', values: [id] }); t.push(performance.now() - s); }
  t.sort((a, b) => a - b);
  console.log(`synchronous_commit=${sync}: median ${t[150].toFixed(2)} ms, p90 ${t[270].toFixed(2)} ms per single-row UPDATE`);
  await c.end();
}
