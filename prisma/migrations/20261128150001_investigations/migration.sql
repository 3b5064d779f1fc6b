-- Investigations (issue #17): the story of an incident as it happens, and the postmortem written from it.
--
-- * An item is one piece of evidence on the timeline: a kind, a reference (trace id, "traceId/spanId", a run
--   id...), what the user pinned (`payload`: permalink view state, LogQL and range, the finding, a note's
--   Markdown) and who pinned it when. Kinds that do not exist yet (replay and chaos runs) fit the same shape.
-- * Trace snapshots are kept per (investigation, trace), not per item: pinning a trace, one of its spans and a
--   finding stores the trace once. They hold the summary and spans up to a cap, so a pinned trace still opens
--   after retention dropped its partitions. Kept apart from items so listing a timeline never reads them.
-- * Nothing is deleted: investigations and items are soft-deleted (admin only); postmortem drafts are versions.
CREATE TABLE investigations (
  id                      UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant                  TEXT NOT NULL,
  title                   TEXT NOT NULL,
  severity                TEXT NOT NULL CHECK (severity IN ('sev1', 'sev2', 'sev3', 'sev4')),
  status                  TEXT NOT NULL DEFAULT 'investigating' CHECK (status IN ('investigating', 'mitigated', 'resolved')),
  owner                   TEXT,
  window_start_unix_nano  BIGINT,
  window_end_unix_nano    BIGINT,
  services                TEXT[] NOT NULL DEFAULT '{}',
  created_by_id           TEXT NOT NULL,
  created_by_name         TEXT NOT NULL,
  created_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
  deleted_at              TIMESTAMPTZ,
  CHECK (window_start_unix_nano IS NULL OR window_end_unix_nano IS NULL OR window_start_unix_nano <= window_end_unix_nano)
);
CREATE INDEX investigations_tenant_updated_idx ON investigations (tenant, updated_at DESC) WHERE deleted_at IS NULL;

CREATE TABLE investigation_items (
  id                 BIGSERIAL PRIMARY KEY,
  investigation_id   UUID NOT NULL REFERENCES investigations (id),
  kind               TEXT NOT NULL,
  ref                TEXT,
  -- The trace this item is about (trace, span, finding), so a trace page can list the investigations citing it.
  trace_id           TEXT,
  payload            JSONB NOT NULL DEFAULT '{}'::jsonb,
  -- When the evidence itself happened (trace start, start of a log range), unix ns; null for notes.
  occurred_unix_nano BIGINT,
  author_id          TEXT NOT NULL,
  author_name        TEXT NOT NULL,
  created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
  edited_at          TIMESTAMPTZ,
  edited_by_name     TEXT,
  deleted_at         TIMESTAMPTZ
);
CREATE INDEX investigation_items_investigation_idx ON investigation_items (investigation_id, id);
CREATE INDEX investigation_items_trace_idx ON investigation_items (trace_id) WHERE trace_id IS NOT NULL;

CREATE TABLE investigation_trace_snapshots (
  investigation_id  UUID NOT NULL REFERENCES investigations (id),
  trace_id          TEXT NOT NULL,
  -- A TracePayload (lib/domain/model/trace-payload.ts) with at most the cap of spans.
  payload           JSONB NOT NULL,
  span_count        INTEGER NOT NULL,
  total_span_count  INTEGER NOT NULL,
  captured_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (investigation_id, trace_id)
);

CREATE TABLE postmortem_versions (
  investigation_id  UUID NOT NULL REFERENCES investigations (id),
  version           INTEGER NOT NULL,
  markdown          TEXT NOT NULL,
  author_id         TEXT NOT NULL,
  author_name       TEXT NOT NULL,
  created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (investigation_id, version)
);
