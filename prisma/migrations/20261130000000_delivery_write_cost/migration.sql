-- Fewer index writes per delivery, each written up to three times (fan-out, claim, record).
-- Half of each page is left free, so the claim (leased_until, no indexed column) updates its row in place (HOT)
-- and adds no index entries.
ALTER TABLE "deliveries" SET (fillfactor = 50);

-- One index for both the uniqueness of a change's delivery per subscription and the fan-out's lookup by
-- event, version and type: the unique key now leads with the event. It is built before the two it replaces go,
-- so that uniqueness holds throughout.
CREATE UNIQUE INDEX "deliveries_event_id_event_version_type_subscription_id_key" ON "deliveries"("event_id", "event_version", "type", "subscription_id");
DROP INDEX "deliveries_subscription_id_event_id_type_event_version_key";
DROP INDEX "deliveries_event_id_event_version_type_idx";
