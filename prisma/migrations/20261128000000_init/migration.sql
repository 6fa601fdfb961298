-- Extensions: pg_trgm for title similarity (duplicate detection).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "EventKind" AS ENUM ('tariff_action', 'trade_measure', 'statement', 'meeting', 'talks', 'agreement', 'retaliation', 'other');

-- CreateEnum
CREATE TYPE "DatePrecision" AS ENUM ('year', 'month', 'day');

-- CreateEnum
CREATE TYPE "EventStatus" AS ENUM ('draft', 'published', 'retracted', 'merged');

-- CreateEnum
CREATE TYPE "ActorKind" AS ENUM ('state', 'bloc', 'organization', 'person');

-- CreateEnum
CREATE TYPE "ActorRole" AS ENUM ('initiator', 'target', 'participant');

-- CreateEnum
CREATE TYPE "RelationType" AS ENUM ('responds_to', 'escalates', 'de_escalates', 'follows', 'part_of', 'duplicate_of', 'related');

-- CreateEnum
CREATE TYPE "RelationStatus" AS ENUM ('suggested', 'confirmed');

-- CreateEnum
CREATE TYPE "ApiKeyRole" AS ENUM ('admin', 'editor', 'ingest', 'subscriber');

-- CreateEnum
CREATE TYPE "SubscriptionStatus" AS ENUM ('active', 'paused', 'disabled');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('pending', 'succeeded', 'failed', 'held');

-- CreateTable
CREATE TABLE "events" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "normalized_title" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "kind" "EventKind" NOT NULL,
    "date" DATE NOT NULL,
    "date_precision" "DatePrecision" NOT NULL,
    "end_date" DATE,
    "end_date_precision" "DatePrecision",
    "status" "EventStatus" NOT NULL DEFAULT 'draft',
    "version" INTEGER NOT NULL DEFAULT 1,
    "merged_into_id" UUID,
    "status_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "published_at" TIMESTAMPTZ(3),
    "search" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english', coalesce("title", '')), 'A') || setweight(to_tsvector('english', coalesce("summary", '')), 'B')) STORED,

    CONSTRAINT "events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "actors" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ActorKind" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "actors_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "actor_memberships" (
    "member_code" TEXT NOT NULL,
    "group_code" TEXT NOT NULL,

    CONSTRAINT "actor_memberships_pkey" PRIMARY KEY ("member_code","group_code")
);

-- CreateTable
CREATE TABLE "event_actors" (
    "event_id" UUID NOT NULL,
    "actor_code" TEXT NOT NULL,
    "role" "ActorRole" NOT NULL,

    CONSTRAINT "event_actors_pkey" PRIMARY KEY ("event_id","actor_code")
);

-- CreateTable
CREATE TABLE "tags" (
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tags_pkey" PRIMARY KEY ("slug")
);

-- CreateTable
CREATE TABLE "event_tags" (
    "event_id" UUID NOT NULL,
    "tag_slug" TEXT NOT NULL,

    CONSTRAINT "event_tags_pkey" PRIMARY KEY ("event_id","tag_slug")
);

-- CreateTable
CREATE TABLE "sources" (
    "id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "publisher" TEXT NOT NULL,
    "title" TEXT,
    "published_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event_sources" (
    "event_id" UUID NOT NULL,
    "source_id" UUID NOT NULL,
    "quote" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "event_sources_pkey" PRIMARY KEY ("event_id","source_id")
);

-- CreateTable
CREATE TABLE "relations" (
    "id" UUID NOT NULL,
    "from_id" UUID NOT NULL,
    "to_id" UUID NOT NULL,
    "type" "RelationType" NOT NULL,
    "status" "RelationStatus" NOT NULL DEFAULT 'confirmed',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "relations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event_revisions" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "snapshot" JSONB NOT NULL,
    "changes" TEXT[],
    "action" TEXT NOT NULL,
    "author_key_id" UUID,
    "author_name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_revisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "role" "ApiKeyRole" NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_entries" (
    "id" BIGSERIAL NOT NULL,
    "key_id" UUID,
    "key_name" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target_type" TEXT NOT NULL,
    "target_id" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "request_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_records" (
    "key_id" UUID NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "status_code" INTEGER NOT NULL,
    "body" JSONB NOT NULL,
    "location" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_records_pkey" PRIMARY KEY ("key_id","idempotency_key")
);

-- CreateTable
CREATE TABLE "outbox_entries" (
    "id" BIGSERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "event_id" UUID,
    "event_version" INTEGER,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "relayed_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "timeline_state" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" BIGINT NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "timeline_state_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "subscriptions" (
    "id" UUID NOT NULL,
    "owner_key_id" UUID,
    "url" TEXT NOT NULL,
    "description" TEXT,
    "types" TEXT[],
    "filter" JSONB NOT NULL DEFAULT '{}',
    "status" "SubscriptionStatus" NOT NULL DEFAULT 'active',
    "disabled_reason" TEXT,
    "secret" TEXT NOT NULL,
    "previous_secret" TEXT,
    "previous_secret_expires_at" TIMESTAMPTZ(3),
    "last_sequence" INTEGER NOT NULL DEFAULT 0,
    "failing_since" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "subscriptions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deliveries" (
    "id" UUID NOT NULL,
    "subscription_id" UUID NOT NULL,
    "event_id" UUID,
    "event_version" INTEGER NOT NULL DEFAULT 0,
    "type" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'pending',
    "payload" JSONB NOT NULL,
    "match_reasons" TEXT[],
    "attempt_count" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3),
    "last_attempt_at" TIMESTAMPTZ(3),
    "succeeded_at" TIMESTAMPTZ(3),
    "source_created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery_attempts" (
    "id" UUID NOT NULL,
    "delivery_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "status_code" INTEGER,
    "error" TEXT,
    "response_body" TEXT,
    "succeeded" BOOLEAN NOT NULL,

    CONSTRAINT "delivery_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "events_slug_key" ON "events"("slug");

-- CreateIndex
CREATE INDEX "events_status_date_id_idx" ON "events"("status", "date" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "events_date_idx" ON "events"("date");

-- CreateIndex
CREATE INDEX "events_date_normalized_title_idx" ON "events"("date", "normalized_title");

-- CreateIndex
CREATE INDEX "actor_memberships_group_code_idx" ON "actor_memberships"("group_code");

-- CreateIndex
CREATE INDEX "event_actors_actor_code_event_id_idx" ON "event_actors"("actor_code", "event_id");

-- CreateIndex
CREATE INDEX "event_tags_tag_slug_event_id_idx" ON "event_tags"("tag_slug", "event_id");

-- CreateIndex
CREATE UNIQUE INDEX "sources_url_key" ON "sources"("url");

-- CreateIndex
CREATE INDEX "event_sources_source_id_idx" ON "event_sources"("source_id");

-- CreateIndex
CREATE INDEX "relations_to_id_idx" ON "relations"("to_id");

-- CreateIndex
CREATE UNIQUE INDEX "relations_from_id_to_id_type_key" ON "relations"("from_id", "to_id", "type");

-- CreateIndex
CREATE INDEX "event_revisions_created_at_idx" ON "event_revisions"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "event_revisions_event_id_version_key" ON "event_revisions"("event_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_hash_key" ON "api_keys"("hash");

-- CreateIndex
CREATE INDEX "audit_entries_created_at_idx" ON "audit_entries"("created_at");

-- CreateIndex
CREATE INDEX "audit_entries_target_type_target_id_idx" ON "audit_entries"("target_type", "target_id");

-- CreateIndex
CREATE INDEX "idempotency_records_created_at_idx" ON "idempotency_records"("created_at");

-- CreateIndex
CREATE INDEX "outbox_entries_relayed_at_id_idx" ON "outbox_entries"("relayed_at", "id");

-- CreateIndex
CREATE INDEX "subscriptions_status_idx" ON "subscriptions"("status");

-- CreateIndex
CREATE INDEX "subscriptions_owner_key_id_idx" ON "subscriptions"("owner_key_id");

-- CreateIndex
CREATE INDEX "deliveries_subscription_id_created_at_idx" ON "deliveries"("subscription_id", "created_at");

-- CreateIndex
CREATE INDEX "deliveries_status_next_attempt_at_idx" ON "deliveries"("status", "next_attempt_at");

-- CreateIndex
CREATE UNIQUE INDEX "deliveries_subscription_id_event_id_type_event_version_key" ON "deliveries"("subscription_id", "event_id", "type", "event_version");

-- CreateIndex
CREATE INDEX "delivery_attempts_delivery_id_number_idx" ON "delivery_attempts"("delivery_id", "number");

-- AddForeignKey
ALTER TABLE "events" ADD CONSTRAINT "events_merged_into_id_fkey" FOREIGN KEY ("merged_into_id") REFERENCES "events"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "actor_memberships" ADD CONSTRAINT "actor_memberships_member_code_fkey" FOREIGN KEY ("member_code") REFERENCES "actors"("code") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "actor_memberships" ADD CONSTRAINT "actor_memberships_group_code_fkey" FOREIGN KEY ("group_code") REFERENCES "actors"("code") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_actors" ADD CONSTRAINT "event_actors_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_actors" ADD CONSTRAINT "event_actors_actor_code_fkey" FOREIGN KEY ("actor_code") REFERENCES "actors"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_tags" ADD CONSTRAINT "event_tags_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_tags" ADD CONSTRAINT "event_tags_tag_slug_fkey" FOREIGN KEY ("tag_slug") REFERENCES "tags"("slug") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_sources" ADD CONSTRAINT "event_sources_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_sources" ADD CONSTRAINT "event_sources_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "relations" ADD CONSTRAINT "relations_from_id_fkey" FOREIGN KEY ("from_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "relations" ADD CONSTRAINT "relations_to_id_fkey" FOREIGN KEY ("to_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_revisions" ADD CONSTRAINT "event_revisions_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_owner_key_id_fkey" FOREIGN KEY ("owner_key_id") REFERENCES "api_keys"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "subscriptions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_attempts" ADD CONSTRAINT "delivery_attempts_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Full-text search over title (weight A) and summary (weight B).
CREATE INDEX "events_search_idx" ON "events" USING GIN ("search");

-- Trigram similarity on the normalised title (duplicate candidates).
CREATE INDEX "events_normalized_title_trgm_idx" ON "events" USING GIN ("normalized_title" gin_trgm_ops);

-- The timeline's single version row.
INSERT INTO "timeline_state" ("id", "version", "updated_at") VALUES (1, 0, now());
