-- Fan-out looks up a change's deliveries by event, version and type.
CREATE INDEX "deliveries_event_id_event_version_type_idx" ON "deliveries"("event_id", "event_version", "type");
