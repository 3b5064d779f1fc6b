-- Background diagnosis of settled traces (lib/server/diagnosis): the analysis engine's most likely cause and
-- the finding types of each trace, stored with its summary so search can show and filter on them
-- (TraceQL `{ trace:finding = "timeout-cascade" }`). `diagnosed_version` is the summary's `updated_at` the
-- diagnosis was made from: spans arriving later bump `updated_at` and the trace is diagnosed again.
ALTER TABLE "trace_summaries"
    ADD COLUMN "likely_cause_type"    TEXT,
    ADD COLUMN "likely_cause_service" TEXT,
    ADD COLUMN "likely_cause_summary" TEXT,
    ADD COLUMN "likely_cause_span_id" TEXT,
    ADD COLUMN "finding_types"        TEXT[],
    ADD COLUMN "diagnosed_version"    TIMESTAMPTZ;

CREATE INDEX "trace_summaries_findings_idx" ON "trace_summaries" USING GIN ("finding_types");
-- The diagnosis queue: summaries not yet diagnosed at their current version, oldest change first.
CREATE INDEX "trace_summaries_undiagnosed_idx" ON "trace_summaries" ("updated_at")
    WHERE "diagnosed_version" IS DISTINCT FROM "updated_at";
