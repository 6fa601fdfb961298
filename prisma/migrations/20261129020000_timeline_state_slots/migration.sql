-- Every write to the timeline bumped the one timeline_state row, so concurrent writes queued on its row lock,
-- each until the one before it had committed and flushed its WAL: writes went one fsync at a time.
-- The version is now the sum of 16 slots. Each write bumps the next slot in turn (timeline_state_slot), so up
-- to 16 writes in flight never wait on each other, and the sum still grows with every committed change.
CREATE SEQUENCE "timeline_state_slot" AS BIGINT CYCLE;

INSERT INTO "timeline_state" ("id", "version", "updated_at")
SELECT slot, 0, (SELECT "updated_at" FROM "timeline_state" WHERE "id" = 1)
FROM generate_series(2, 16) AS slot
ON CONFLICT ("id") DO NOTHING;
