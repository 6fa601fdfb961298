-- A sender's claim on a pending delivery: while it holds, no other job may send the delivery.
ALTER TABLE "deliveries" ADD COLUMN "leased_until" TIMESTAMPTZ(3);
