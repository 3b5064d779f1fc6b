-- Request replay (issue 15): targets admins allow replays to, imported requests, runs and their requests.
-- Target secrets are AES-256-GCM ciphertext (key from REPLAY_SECRETS_KEY); the clear values are never stored.
CREATE TABLE replay_targets (
  id                 UUID PRIMARY KEY,
  name               TEXT NOT NULL UNIQUE,
  base_url           TEXT NOT NULL,
  environment        TEXT NOT NULL,
  allowed_methods    TEXT[] NOT NULL,
  -- Addresses/CIDR ranges the resolved host may have; empty = public unicast addresses only.
  allowed_addresses  TEXT[] NOT NULL,
  -- {"NAME": "<base64 iv|tag|ciphertext>"}
  secrets            JSONB NOT NULL DEFAULT '{}',
  created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
  created_by         TEXT NOT NULL
);

-- Requests imported from HAR or JSON-lines files, scrubbed before they are stored.
CREATE TABLE replay_imports (
  id          UUID PRIMARY KEY,
  tenant      TEXT NOT NULL,
  format      TEXT NOT NULL,
  requests    JSONB NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  created_by  TEXT NOT NULL
);

CREATE TABLE replay_runs (
  id           UUID PRIMARY KEY,
  tenant       TEXT NOT NULL,
  target_id    UUID,
  target_name  TEXT NOT NULL,
  environment  TEXT NOT NULL,
  source       JSONB NOT NULL,
  options      JSONB NOT NULL,
  totals       JSONB NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  created_by   TEXT NOT NULL
);
CREATE INDEX replay_runs_created_idx ON replay_runs (tenant, created_at DESC);

-- One row per request of a run, sent or skipped. Requests are stored with {{secret.NAME}} placeholders,
-- never with the substituted values.
CREATE TABLE replay_run_requests (
  run_id             UUID NOT NULL REFERENCES replay_runs (id) ON DELETE CASCADE,
  seq                INTEGER NOT NULL,
  original_trace_id  TEXT,
  original_span_id   TEXT,
  new_trace_id       TEXT,
  request            JSONB NOT NULL,
  original_response  JSONB,
  response           JSONB,
  diff               JSONB,
  outcome            TEXT NOT NULL,
  error              TEXT,
  duration_ms        DOUBLE PRECISION,
  PRIMARY KEY (run_id, seq)
);
