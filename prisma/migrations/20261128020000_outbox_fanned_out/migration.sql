-- When the fan-out of an outbox row finished (its deliveries exist and are queued). A row relayed long ago
-- but not fanned out lost its job (Redis flushed, a worker killed mid-job): the sweeper queues it again.
ALTER TABLE "outbox_entries" ADD COLUMN "fanned_out_at" TIMESTAMPTZ(3);
CREATE INDEX "outbox_entries_fanned_out_at_relayed_at_idx" ON "outbox_entries"("fanned_out_at", "relayed_at");
