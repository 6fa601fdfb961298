import pg from 'pg';
const c = new pg.Client({ connectionString: 'postgresql://postgres@127.0.0.1/trade_timeline_bench_webhooks' }); await c.connect();
const ids = (await c.query('select id from deliveries order by random() limit 20')).rows.map((r) => r.id);
const claim = `WITH claimed AS (UPDATE deliveries d SET leased_until = now() + 10000 * interval '1 millisecond', updated_at = now() FROM unnest($1::uuid[]) AS asked(id) WHERE d.id = asked.id AND d.status = 'pending' AND (d.leased_until IS NULL OR d.leased_until < now()) RETURNING d.id, d.attempt_count, d.payload, d.source_created_at, d.subscription_id) SELECT d.id::text, d.attempt_count, d.payload, d.source_created_at, s.id::text AS subscription_id, s.url, s.status::text AS subscription_status, s.secret, s.previous_secret, s.previous_secret_expires_at, s.failing_since FROM claimed d JOIN subscriptions s ON s.id = d.subscription_id`;
const record = `WITH input AS (SELECT * FROM unnest($1::uuid[], $2::int[]) AS t(delivery_id, number)) UPDATE deliveries d SET attempt_count = i.number, leased_until = NULL, updated_at = now() FROM input i WHERE d.id = i.delivery_id`;
for (const [name, text, values] of [['claim', claim, [ids]], ['record', record, [ids, ids.map(() => 1)]]]) {
  const pl = [], ex = [];
  for (let i = 0; i < 30; i++) {
    await c.query('BEGIN');
    const r = await c.query({ text: 'EXPLAIN (ANALYZE, SUMMARY) ' + text, values });
    await c.query('ROLLBACK');
    const lines = r.rows.map((x) => x['QUERY PLAN']);
    pl.push(parseFloat(lines.find((l) => l.startsWith('Planning Time')).split(':')[1]));
    ex.push(parseFloat(lines.find((l) => l.startsWith('Execution Time')).split(':')[1]));
  }
  pl.sort((a, b) => a - b); ex.sort((a, b) => a - b);
  console.log(name, 'planning median', pl[15], 'ms; execution median', ex[15], 'ms (20 ids)');
}
await c.end();
