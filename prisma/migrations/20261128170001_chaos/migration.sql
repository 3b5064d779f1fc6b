-- Chaos experiments and runs (issue 14). An experiment is a JSON definition, versioned: every save appends a
-- row to chaos_experiment_versions and bumps chaos_experiments.version. A run keeps a snapshot of the
-- definition it ran, so later edits never rewrite history. Run state lives here, not in a dashboard process:
-- any instance may advance any run, one at a time (advancing_until is that lock, with an expiry so a dead
-- instance's lock lapses), and halting is a row update any instance can make.
CREATE TABLE chaos_experiments (
  id          UUID PRIMARY KEY,
  tenant      TEXT NOT NULL,
  name        TEXT NOT NULL,
  version     INTEGER NOT NULL,
  definition  JSONB NOT NULL,
  created_by  TEXT NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (tenant, name)
);

CREATE TABLE chaos_experiment_versions (
  experiment_id UUID NOT NULL REFERENCES chaos_experiments (id) ON DELETE CASCADE,
  version       INTEGER NOT NULL,
  definition    JSONB NOT NULL,
  saved_by      TEXT NOT NULL,
  saved_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (experiment_id, version)
);

CREATE TABLE chaos_runs (
  id                   UUID PRIMARY KEY,
  tenant               TEXT NOT NULL,
  experiment_id        UUID REFERENCES chaos_experiments (id) ON DELETE SET NULL,
  experiment_version   INTEGER,
  definition           JSONB NOT NULL,
  dry_run              BOOLEAN NOT NULL DEFAULT false,
  -- baseline → injecting → recovering → completed | aborted | failed
  status               TEXT NOT NULL,
  started_by           TEXT NOT NULL,
  created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
  -- When injection began (the run's clock: fault offsets count from here).
  injection_started_at TIMESTAMPTZ,
  finished_at          TIMESTAMPTZ,
  -- The instance that last advanced the run, when, and until when it holds the advancing lock.
  driver               TEXT,
  driver_heartbeat_at  TIMESTAMPTZ,
  advancing_until      TIMESTAMPTZ,
  -- {faults: [{index, agent, route, faultId, appliedAt, revertedAt, error}]}
  state                JSONB NOT NULL DEFAULT '{}',
  -- [{at, step, status, output}] in order, Chaos Toolkit's journal as the model.
  journal              JSONB NOT NULL DEFAULT '[]',
  -- {before: [...], during: [...], after: [...]} indicator values.
  indicators           JSONB NOT NULL DEFAULT '{}',
  verdict              TEXT,
  abort_reason         TEXT
);
CREATE INDEX chaos_runs_active_idx ON chaos_runs (status) WHERE status IN ('baseline', 'injecting', 'recovering');
CREATE INDEX chaos_runs_tenant_created_idx ON chaos_runs (tenant, created_at DESC);
