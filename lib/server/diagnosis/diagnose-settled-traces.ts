import 'server-only';
// One round of background diagnosis: traces whose summary has been quiet for `settleSeconds` and was not yet
// diagnosed at its current version are analysed (the same engine as the CLI and the trace page, on the stored
// spans with their attributes) and their most likely cause and finding types written back to the summary.
// CPU is bounded per round: at most `batch` traces of up to `largeSpans` spans, oldest change first; a larger
// trace is taken alone, and only in a round with no small trace waiting; one over MAX_BACKGROUND_SPANS is left
// to the trace page (its worker analyses up to 500k spans off the server). The write is conditional on the
// version read, so a trace that received spans meanwhile is simply diagnosed again in a later round.
import { analyzeTrace } from '@/lib/domain/analysis/analyze-trace';
import { diagnosisOf } from '@/lib/domain/analysis/trace-diagnosis';
import { queryRows, type Queryable } from '../db/queryable';
import { sql } from '../db/sql-template';
import { readTraceAnalysisSpans } from './read-trace-analysis-spans';

/** Above this a trace is not diagnosed in the background (memory of one Node process), as GET /api/skew's window. */
export const MAX_BACKGROUND_SPANS = 200_000;

export interface DiagnosisSettings {
  settleSeconds: number;
  batch: number;
  largeSpans: number;
  skewWarnNs: number;
}

export interface DiagnosisRound {
  diagnosed: number;
  /** Changed while being analysed: left for a later round. */
  superseded: number;
}

interface Pending {
  tenant: string;
  trace_id: string;
  /** updated_at as text: a JS Date would drop its microseconds and the conditional write would never match. */
  version: string;
}

export async function diagnoseSettledTraces(db: Queryable, settings: DiagnosisSettings): Promise<DiagnosisRound> {
  const settled = sql`diagnosed_version IS DISTINCT FROM updated_at AND updated_at < now() - make_interval(secs => ${settings.settleSeconds})`;
  let pending = await queryRows<Pending>(
    db,
    sql`SELECT tenant, encode(trace_id, 'hex') AS trace_id, updated_at::text AS version FROM trace_summaries
         WHERE ${settled} AND span_count <= ${settings.largeSpans}
         ORDER BY updated_at LIMIT ${settings.batch}`,
  );
  if (pending.length === 0) {
    pending = await queryRows<Pending>(
      db,
      sql`SELECT tenant, encode(trace_id, 'hex') AS trace_id, updated_at::text AS version FROM trace_summaries
           WHERE ${settled} AND span_count <= ${MAX_BACKGROUND_SPANS} ORDER BY updated_at LIMIT 1`,
    );
  }
  const round: DiagnosisRound = { diagnosed: 0, superseded: 0 };
  for (const p of pending) {
    const spans = await readTraceAnalysisSpans(db, p.tenant, p.trace_id);
    const { likelyCause, findingTypes } = diagnosisOf(analyzeTrace(spans, { skewWarnNs: settings.skewWarnNs }));
    const updated = await queryRows<{ n: number }>(
      db,
      sql`UPDATE trace_summaries
             SET likely_cause_type = ${likelyCause?.type ?? null}, likely_cause_service = ${likelyCause?.service ?? null},
                 likely_cause_summary = ${likelyCause?.summary ?? null}, likely_cause_span_id = ${likelyCause?.spanId ?? null},
                 finding_types = ${findingTypes}::text[],
                 diagnosed_version = updated_at
           WHERE tenant = ${p.tenant} AND trace_id = decode(${p.trace_id}, 'hex') AND updated_at = ${p.version}::timestamptz
       RETURNING 1 AS n`,
    );
    if (updated.length > 0) round.diagnosed++;
    else round.superseded++;
  }
  return round;
}
