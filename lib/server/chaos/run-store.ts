import 'server-only';
// chaos_runs: every state change of a run is one conditional UPDATE, so a halt racing the engine on the same
// run cannot both move it: the loser's `onlyIf` does not match. Advancing itself is serialized by tryLockRun.
import { randomUUID } from 'node:crypto';
import type { Experiment } from '@/lib/domain/chaos/experiment-schema';
import type { AppliedFault, CheckPoint, IndicatorValue, JournalEntry, RunStatus, RunView } from '@/lib/domain/chaos/run-view';
import { ACTIVE_RUN_STATUSES } from '@/lib/domain/chaos/run-view';
import type { Queryable } from '../db/queryable';
import { AppError } from '../http/app-error';

export interface RunState {
  faults: AppliedFault[];
  injectionEndedAt?: string;
  /** The last stop-condition evaluation, for the live view. */
  lastCheck?: { at: string; values: (IndicatorValue & { breached: boolean })[] };
  /** Stop-condition values over time for the live chart, oldest first, at most MAX_CHECK_HISTORY. */
  checks?: CheckPoint[];
}

export const MAX_CHECK_HISTORY = 300;

interface Row {
  id: string;
  tenant: string;
  experiment_id: string | null;
  experiment_version: number | null;
  definition: Experiment;
  dry_run: boolean;
  status: RunStatus;
  started_by: string;
  created_at: Date;
  injection_started_at: Date | null;
  finished_at: Date | null;
  state: RunState;
  journal: JournalEntry[];
  indicators: RunView['indicators'];
  verdict: string | null;
  abort_reason: string | null;
}

export interface StoredRun extends RunView {
  state: RunState;
}

const toRun = (r: Row): StoredRun => ({
  id: r.id,
  tenant: r.tenant,
  experimentId: r.experiment_id,
  experimentVersion: r.experiment_version,
  definition: r.definition,
  dryRun: r.dry_run,
  status: r.status,
  startedBy: r.started_by,
  createdAt: r.created_at.toISOString(),
  injectionStartedAt: r.injection_started_at?.toISOString() ?? null,
  finishedAt: r.finished_at?.toISOString() ?? null,
  faults: r.state.faults ?? [],
  state: { ...r.state, faults: r.state.faults ?? [] },
  journal: r.journal,
  indicators: r.indicators,
  verdict: r.verdict,
  abortReason: r.abort_reason,
});

export function journalEntry(step: string, status: JournalEntry['status'], output: Record<string, unknown> = {}): JournalEntry {
  return { at: new Date().toISOString(), step, status, output };
}

export async function insertRun(
  db: Queryable,
  input: {
    tenant: string;
    experimentId: string | null;
    experimentVersion: number | null;
    definition: Experiment;
    dryRun: boolean;
    status: RunStatus;
    startedBy: string;
    journal: JournalEntry[];
    state: RunState;
    indicators: RunView['indicators'];
    verdict?: string | null;
  },
): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO chaos_runs (id, tenant, experiment_id, experiment_version, definition, dry_run, status, started_by, journal, state, indicators, verdict, finished_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9::jsonb, $10::jsonb, $11::jsonb, $12, CASE WHEN $7 IN ('completed', 'aborted', 'failed') THEN now() END)`,
    [
      id,
      input.tenant,
      input.experimentId,
      input.experimentVersion,
      JSON.stringify(input.definition),
      input.dryRun,
      input.status,
      input.startedBy,
      JSON.stringify(input.journal),
      JSON.stringify(input.state),
      JSON.stringify(input.indicators),
      input.verdict ?? null,
    ],
  );
  return id;
}

export async function getRun(db: Queryable, id: string, tenant?: string): Promise<StoredRun> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('bad_request', 'run id must be a UUID');
  const { rows } = await db.query<Row>('SELECT * FROM chaos_runs WHERE id = $1 AND ($2::text IS NULL OR tenant = $2)', [id, tenant ?? null]);
  if (rows.length === 0) throw new AppError('not_found', `no chaos run ${id}`);
  return toRun(rows[0]!);
}

export async function listRuns(db: Queryable, tenant: string, limit = 50): Promise<StoredRun[]> {
  const { rows } = await db.query<Row>('SELECT * FROM chaos_runs WHERE tenant = $1 ORDER BY created_at DESC LIMIT $2', [tenant, limit]);
  return rows.map(toRun);
}

export async function activeRunIds(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM chaos_runs WHERE status = ANY($1::text[]) ORDER BY created_at', [[...ACTIVE_RUN_STATUSES]]);
  return rows.map((r) => r.id);
}

/**
 * Takes the advancing lock of an active run for `ttlMs` (false when another advancer holds it). The lock is
 * in the row, not in memory: Next may load this module more than once in one process (the startup hook and
 * the route handlers), and several instances share the database.
 */
export async function tryLockRun(db: Queryable, id: string, driver: string, ttlMs: number): Promise<boolean> {
  const result = await db.query(
    `UPDATE chaos_runs SET driver = $2, driver_heartbeat_at = now(), advancing_until = now() + make_interval(secs => $3)
     WHERE id = $1 AND status = ANY($4::text[]) AND (advancing_until IS NULL OR advancing_until < now())`,
    [id, driver, ttlMs / 1000, [...ACTIVE_RUN_STATUSES]],
  );
  return (result.rowCount ?? 0) > 0;
}

export async function unlockRun(db: Queryable, id: string, driver: string): Promise<void> {
  await db.query('UPDATE chaos_runs SET advancing_until = NULL WHERE id = $1 AND driver = $2', [id, driver]);
}

export interface RunPatch {
  status?: RunStatus;
  state?: RunState;
  indicators?: RunView['indicators'];
  journal?: JournalEntry[];
  verdict?: string;
  abortReason?: string;
  injectionStarted?: boolean;
}

/** Applies the patch only while the run's status is one of `onlyIf`; false when it was not (someone else moved it). */
export async function patchRun(db: Queryable, id: string, patch: RunPatch, onlyIf: readonly RunStatus[] = ACTIVE_RUN_STATUSES): Promise<boolean> {
  const finished = patch.status !== undefined && !(ACTIVE_RUN_STATUSES as readonly string[]).includes(patch.status);
  const result = await db.query(
    `UPDATE chaos_runs SET
       status = COALESCE($2, status),
       state = COALESCE($3::jsonb, state),
       indicators = indicators || COALESCE($4::jsonb, '{}'::jsonb),
       journal = journal || COALESCE($5::jsonb, '[]'::jsonb),
       verdict = COALESCE($6, verdict),
       abort_reason = COALESCE($7, abort_reason),
       injection_started_at = CASE WHEN $8 THEN now() ELSE injection_started_at END,
       finished_at = CASE WHEN $9 THEN now() ELSE finished_at END
     WHERE id = $1 AND status = ANY($10::text[])`,
    [
      id,
      patch.status ?? null,
      patch.state ? JSON.stringify(patch.state) : null,
      patch.indicators ? JSON.stringify(patch.indicators) : null,
      patch.journal ? JSON.stringify(patch.journal) : null,
      patch.verdict ?? null,
      patch.abortReason ?? null,
      patch.injectionStarted ?? false,
      finished,
      [...onlyIf],
    ],
  );
  return (result.rowCount ?? 0) > 0;
}
