import 'server-only';
// Stored replay runs: one row per run (totals for the list), one per request (everything the run page shows).
import type { ReplayRun, ReplayRunSummary, RunRequestResult, RunTotals } from '@/lib/domain/replay/replay-run';
import type { Queryable } from '../db/queryable';
import { AppError } from '../http/app-error';
import { withTraceFacts } from './trace-facts';

interface RunRow {
  id: string;
  target_name: string;
  environment: string;
  created_at: Date;
  created_by: string;
  totals: RunTotals & { status?: ReplayRunSummary['status'] };
  source: unknown;
  options: unknown;
}

const summaryOf = (r: RunRow): ReplayRunSummary => ({
  id: r.id,
  targetName: r.target_name,
  environment: r.environment,
  createdAt: r.created_at.toISOString(),
  createdBy: r.created_by,
  status: r.totals.status ?? 'completed',
  totals: r.totals,
});

export interface NewRun {
  id: string;
  tenant: string;
  targetId: string;
  targetName: string;
  environment: string;
  source: unknown;
  options: unknown;
  status: ReplayRunSummary['status'];
  totals: RunTotals;
  createdBy: string;
  requests: RunRequestResult[];
}

export async function insertRun(db: Queryable, run: NewRun): Promise<void> {
  await db.query(
    `INSERT INTO replay_runs (id, tenant, target_id, target_name, environment, source, options, totals, created_by)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb, $9)`,
    [run.id, run.tenant, run.targetId, run.targetName, run.environment, JSON.stringify(run.source), JSON.stringify(run.options), JSON.stringify({ ...run.totals, status: run.status }), run.createdBy],
  );
  for (const r of run.requests) {
    await db.query(
      `INSERT INTO replay_run_requests (run_id, seq, original_trace_id, original_span_id, new_trace_id, request, original_response, response, diff, outcome, error, duration_ms)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb, $9::jsonb, $10, $11, $12)`,
      [
        run.id,
        r.seq,
        r.originalTraceId,
        r.originalSpanId,
        r.newTraceId,
        JSON.stringify(r.request),
        JSON.stringify(r.originalResponse),
        JSON.stringify(r.response),
        JSON.stringify(r.diff),
        r.outcome,
        r.error,
        r.durationMs,
      ],
    );
  }
}

export async function listRuns(db: Queryable, tenant: string, limit = 100): Promise<ReplayRunSummary[]> {
  const { rows } = await db.query<RunRow>('SELECT * FROM replay_runs WHERE tenant = $1 ORDER BY created_at DESC LIMIT $2', [tenant, limit]);
  return rows.map(summaryOf);
}

interface RequestRow {
  seq: number;
  original_trace_id: string | null;
  original_span_id: string | null;
  new_trace_id: string | null;
  request: RunRequestResult['request'];
  original_response: RunRequestResult['originalResponse'];
  response: RunRequestResult['response'];
  diff: RunRequestResult['diff'];
  outcome: RunRequestResult['outcome'];
  error: string | null;
  duration_ms: number | null;
}

export async function getRun(db: Queryable, tenant: string, id: string): Promise<ReplayRun> {
  const valid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
  const { rows } = valid ? await db.query<RunRow>('SELECT * FROM replay_runs WHERE tenant = $1 AND id = $2', [tenant, id]) : { rows: [] };
  if (!rows[0]) throw new AppError('not_found', `No replay run "${id}".`);
  const requests = await db.query<RequestRow>('SELECT * FROM replay_run_requests WHERE run_id = $1 ORDER BY seq', [id]);
  return {
    ...summaryOf(rows[0]),
    source: rows[0].source,
    options: rows[0].options,
    requests: await withTraceFacts(
      db,
      tenant,
      requests.rows.map((r) => ({
        seq: r.seq,
        originalTraceId: r.original_trace_id,
        originalSpanId: r.original_span_id,
        newTraceId: r.new_trace_id,
        request: r.request,
        originalResponse: r.original_response,
        response: r.response,
        diff: r.diff,
        outcome: r.outcome,
        error: r.error,
        durationMs: r.duration_ms === null ? null : Number(r.duration_ms),
      })),
    ),
  };
}
