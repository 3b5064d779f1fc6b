-- Tracehound schema v1.
--
-- Design notes (see docs/scaling.md):
-- * spans and logs are range-partitioned by their own timestamp (unix nanoseconds, one partition per UTC day),
--   so retention drops whole partitions instead of deleting rows. Partitions are created on demand by the
--   application (lib/server/db/partitions.ts) before rows for a new day are written.
-- * trace_id leads every unique key of spans and logs, so both can be distributed by trace_id with Citus.
-- * trace_summaries is kept current by the writer in the same statement that inserts spans, so listing and
--   searching traces never scans spans.

CREATE TABLE "spans" (
    "tenant"                   TEXT     NOT NULL,
    "trace_id"                 BYTEA    NOT NULL,
    "span_id"                  BYTEA    NOT NULL,
    "parent_span_id"           BYTEA,
    "trace_state"              TEXT     NOT NULL DEFAULT '',
    "flags"                    INTEGER  NOT NULL DEFAULT 0,
    "name"                     TEXT     NOT NULL,
    "kind"                     SMALLINT NOT NULL,
    "service_name"             TEXT     NOT NULL,
    "start_time_unix_nano"     BIGINT   NOT NULL,
    "end_time_unix_nano"       BIGINT   NOT NULL,
    "duration_ns"              BIGINT   NOT NULL,
    "status_code"              SMALLINT NOT NULL DEFAULT 0,
    "status_message"           TEXT     NOT NULL DEFAULT '',
    "attributes"               JSONB    NOT NULL DEFAULT '{}',
    "resource_attributes"      JSONB    NOT NULL DEFAULT '{}',
    "scope"                    JSONB    NOT NULL DEFAULT '{}',
    "events"                   JSONB    NOT NULL DEFAULT '[]',
    "links"                    JSONB    NOT NULL DEFAULT '[]',
    "dropped_attributes_count" INTEGER  NOT NULL DEFAULT 0,
    "dropped_events_count"     INTEGER  NOT NULL DEFAULT 0,
    "dropped_links_count"      INTEGER  NOT NULL DEFAULT 0,
    "host_id"                  TEXT,
    "host_name"                TEXT,
    "host_ip"                  TEXT,
    "service_instance_id"      TEXT,
    CONSTRAINT "spans_pkey" PRIMARY KEY ("trace_id", "tenant", "span_id", "start_time_unix_nano")
) PARTITION BY RANGE ("start_time_unix_nano");

CREATE INDEX "spans_service_time_idx" ON "spans" ("tenant", "service_name", "start_time_unix_nano");
CREATE INDEX "spans_service_name_time_idx" ON "spans" ("tenant", "service_name", "name", "start_time_unix_nano");
CREATE INDEX "spans_errors_time_idx" ON "spans" ("tenant", "start_time_unix_nano") WHERE "status_code" = 2;
CREATE INDEX "spans_duration_idx" ON "spans" ("tenant", "duration_ns");

CREATE TABLE "trace_summaries" (
    "tenant"               TEXT    NOT NULL,
    "trace_id"             BYTEA   NOT NULL,
    "root_service_name"    TEXT,
    "root_span_name"       TEXT,
    "root_start_unix_nano" BIGINT,
    "start_time_unix_nano" BIGINT  NOT NULL,
    "end_time_unix_nano"   BIGINT  NOT NULL,
    "duration_ns"          BIGINT  GENERATED ALWAYS AS ("end_time_unix_nano" - "start_time_unix_nano") STORED,
    "span_count"           INTEGER NOT NULL,
    "error_count"          INTEGER NOT NULL,
    "services"             TEXT[]  NOT NULL,
    "updated_at"           TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT "trace_summaries_pkey" PRIMARY KEY ("trace_id", "tenant")
);

CREATE INDEX "trace_summaries_time_idx" ON "trace_summaries" ("tenant", "start_time_unix_nano" DESC);
CREATE INDEX "trace_summaries_root_idx" ON "trace_summaries" ("tenant", "root_service_name", "root_span_name", "start_time_unix_nano" DESC);
CREATE INDEX "trace_summaries_duration_idx" ON "trace_summaries" ("tenant", "duration_ns");
CREATE INDEX "trace_summaries_errors_idx" ON "trace_summaries" ("tenant", "start_time_unix_nano" DESC) WHERE "error_count" > 0;
CREATE INDEX "trace_summaries_services_idx" ON "trace_summaries" USING GIN ("services");

-- A log stream is one distinct label set (Loki's model). Streams are few; lines reference them by a hash of
-- the canonical label string so a label selector resolves to stream ids first and then reads lines by index.
CREATE TABLE "log_streams" (
    "tenant"     TEXT   NOT NULL,
    "stream_id"  BIGINT NOT NULL,
    "labels"     JSONB  NOT NULL,
    "first_seen_unix_nano" BIGINT NOT NULL,
    "last_seen_unix_nano"  BIGINT NOT NULL,
    CONSTRAINT "log_streams_pkey" PRIMARY KEY ("tenant", "stream_id")
);

CREATE INDEX "log_streams_labels_idx" ON "log_streams" USING GIN ("labels" jsonb_path_ops);

-- trace_id is the empty byte string for lines that carry no trace id: the column is never NULL so it can be a
-- distribution column. "fingerprint" hashes stream, line and metadata so a re-delivered line is stored once.
CREATE TABLE "logs" (
    "tenant"                  TEXT     NOT NULL,
    "trace_id"                BYTEA    NOT NULL DEFAULT '\x',
    "span_id"                 BYTEA,
    "time_unix_nano"          BIGINT   NOT NULL,
    "observed_time_unix_nano" BIGINT,
    "stream_id"               BIGINT   NOT NULL,
    "fingerprint"             BYTEA    NOT NULL,
    "line"                    TEXT     NOT NULL,
    "metadata"                JSONB    NOT NULL DEFAULT '{}',
    "severity_text"           TEXT,
    "severity_number"         SMALLINT,
    CONSTRAINT "logs_pkey" PRIMARY KEY ("trace_id", "tenant", "time_unix_nano", "fingerprint")
) PARTITION BY RANGE ("time_unix_nano");

CREATE INDEX "logs_stream_time_idx" ON "logs" ("tenant", "stream_id", "time_unix_nano");
CREATE INDEX "logs_time_idx" ON "logs" ("tenant", "time_unix_nano");
