-- Each fan-out bumps the sequence of every subscription it matches. Kept in a narrow table of its own, those
-- updates no longer rewrite (and bloat) the wide subscription rows that every fan-out scans.
CREATE TABLE "subscription_sequences" (
    "subscription_id" UUID NOT NULL,
    "last_sequence" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "subscription_sequences_pkey" PRIMARY KEY ("subscription_id")
);

ALTER TABLE "subscription_sequences" ADD CONSTRAINT "subscription_sequences_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "subscriptions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

INSERT INTO "subscription_sequences" ("subscription_id", "last_sequence") SELECT "id", "last_sequence" FROM "subscriptions";

ALTER TABLE "subscriptions" DROP COLUMN "last_sequence";
