-- The delivery path's writes for one published change at N = 20, as pgbench runs them: the fan-out's sequence bump
-- and twenty delivery rows (with the event's revision as payload), then their claim, then their attempt records,
-- each as the worker sends it (claim and record without waiting for the WAL flush). A stand-in for the app's
-- statements (no filter matching), for weighing a schema change by Postgres's own time, away from the rest.
-- Against a copy of the bench database after a run of `npm run bench:webhooks` at N = 20 (its 20 subscriptions, and
-- the revisions of the events it published, 200 at least):
--   createdb -U postgres -T trade_timeline_bench_webhooks tt_delivery_writes
--   psql -U postgres -d tt_delivery_writes -c 'TRUNCATE delivery_attempts, deliveries' -c 'VACUUM ANALYZE'
--   pgbench -U postgres -n -c 1 -T 10 -f bench/delivery-writes.pgbench.sql tt_delivery_writes
\set r random(0, 200)
\set ver random(1, 2000000000)
SELECT event_id AS ev FROM event_revisions OFFSET :r LIMIT 1 \gset
BEGIN;
INSERT INTO subscription_sequences AS q (subscription_id, last_sequence) SELECT id, 1 FROM subscriptions ORDER BY id ON CONFLICT (subscription_id) DO UPDATE SET last_sequence = q.last_sequence + 1;
INSERT INTO deliveries (id, subscription_id, event_id, event_version, type, sequence, status, payload, match_reasons, source_created_at, created_at, updated_at)
  SELECT gen_random_uuid(), s.id, ':ev'::uuid, :ver, 'event.published', 1, 'pending',
   jsonb_build_object('type','event.published','timestamp', now()::text, 'data', jsonb_build_object('event', (SELECT snapshot FROM event_revisions WHERE event_id = ':ev'::uuid LIMIT 1), 'subscriptionId', s.id, 'sequence', 1, 'match', jsonb_build_object('reasons', '[]'::jsonb))),
   '{}', now(), now(), now() FROM subscriptions s
  ON CONFLICT (event_id, event_version, type, subscription_id) DO NOTHING;
COMMIT;
SET synchronous_commit = off;
WITH claimed AS (UPDATE deliveries d SET leased_until = now() + interval '25 seconds', updated_at = now()
  FROM (SELECT id FROM deliveries WHERE event_id = ':ev'::uuid AND event_version = :ver AND type = 'event.published') AS asked
  WHERE d.id = asked.id AND d.status = 'pending' AND (d.leased_until IS NULL OR d.leased_until < now())
  RETURNING d.id, d.attempt_count, d.payload, d.subscription_id)
SELECT count(*), sum(length(c.payload::text)) FROM claimed c JOIN subscriptions s ON s.id = c.subscription_id;
WITH input AS (SELECT id AS delivery_id, 1 AS number, now() AS started_at, 3 AS duration_ms, 204 AS status_code, NULL::text AS error, ''::text AS response_body, true AS succeeded, 'succeeded' AS status FROM deliveries WHERE event_id = ':ev'::uuid AND event_version = :ver AND type = 'event.published'),
attempts AS (INSERT INTO delivery_attempts (id, delivery_id, number, started_at, duration_ms, status_code, error, response_body, succeeded)
  SELECT gen_random_uuid(), delivery_id, number, started_at, duration_ms, status_code, error, response_body, succeeded FROM input)
UPDATE deliveries d SET status = i.status::"DeliveryStatus", attempt_count = i.number, last_attempt_at = i.started_at, next_attempt_at = NULL, succeeded_at = now(), leased_until = NULL, updated_at = now()
  FROM input i WHERE d.id = i.delivery_id;
SET synchronous_commit = on;
