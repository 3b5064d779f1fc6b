-- Agents (issue 13): registered by an admin, leased by the dashboard, and the HTTP exchanges they capture.
-- Leases live here, not in a dashboard process, so any instance behind the load balancer renews or halts;
-- when every instance is gone nobody renews and each agent reverts its faults by itself.
CREATE TABLE agents (
  id           UUID PRIMARY KEY,
  name         TEXT NOT NULL UNIQUE,
  url          TEXT NOT NULL,
  -- The agent's control token; needed in clear to call the agent. Never returned by the API.
  token        TEXT NOT NULL,
  environment  TEXT NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  created_by   TEXT NOT NULL
);

-- One row per (agent, holder): a chaos run, or an operator's manual hold. Renewed while hold_until is ahead.
CREATE TABLE agent_leases (
  agent_id     UUID NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
  holder       TEXT NOT NULL,
  ttl_ms       INTEGER NOT NULL,
  hold_until   TIMESTAMPTZ NOT NULL,
  renewed_at   TIMESTAMPTZ,
  last_error   TEXT,
  PRIMARY KEY (agent_id, holder)
);

-- Captured exchanges, already scrubbed by the agent. Ids are bytea like spans' (hex on the wire).
CREATE TABLE agent_captures (
  id             UUID PRIMARY KEY,
  tenant         TEXT NOT NULL,
  agent          TEXT NOT NULL,
  route          TEXT NOT NULL,
  trace_id       BYTEA,
  span_id        BYTEA,
  parent_span_id BYTEA,
  shadow_of      BYTEA,
  fault_id       TEXT,
  started_at     TIMESTAMPTZ NOT NULL,
  duration_ms    DOUBLE PRECISION NOT NULL,
  method         TEXT NOT NULL,
  url            TEXT NOT NULL,
  status         INTEGER,
  error          TEXT,
  -- {headers, body (base64 or null), bodySize, bodyTruncated, bodyWithheld}
  request        JSONB NOT NULL,
  response       JSONB,
  received_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX agent_captures_span_idx ON agent_captures (tenant, trace_id, span_id);
CREATE INDEX agent_captures_parent_idx ON agent_captures (tenant, trace_id, parent_span_id);
CREATE INDEX agent_captures_shadow_idx ON agent_captures (tenant, shadow_of) WHERE shadow_of IS NOT NULL;
CREATE INDEX agent_captures_started_idx ON agent_captures (tenant, started_at DESC);
