import pg from 'pg'; import fs from 'node:fs';
const { text, values } = JSON.parse(fs.readFileSync('/tmp/fanout.json', 'utf8'));
const c = new pg.Client({ connectionString: 'postgresql://postgres@127.0.0.1/trade_timeline_bench_webhooks' }); await c.connect();
// a fresh event version so that the inserts happen: pick the latest event and a version that has no deliveries
for (let i = 0; i < 3; i++) {
  await c.query('BEGIN');
  const r = await c.query({ text: 'EXPLAIN (ANALYZE, BUFFERS, WAL) ' + text, values });
  await c.query('ROLLBACK');
  if (i === 2) console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
  else console.log(r.rows.slice(-2).map((x) => x['QUERY PLAN']).join(' | '));
}
await c.end();
