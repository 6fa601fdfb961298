-- A sender's claim updates only leased_until and updated_at, which no index covers: with room left on the page,
-- Postgres makes that update a heap-only tuple and writes no index entry. With full pages (fillfactor 100) every
-- claim wrote a new entry in each of the table's five indexes (bench:webhooks: 2,227 of 62,000 updates were HOT).
ALTER TABLE "deliveries" SET (fillfactor = 70);
