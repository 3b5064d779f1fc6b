import 'server-only';
// The traces of a run, from the agent's marks: faulted = an agent span carries tracehound.run.id = the run;
// clean = agent spans of the same routes in the same window without a fault. Bounded lists for links.
import type { Queryable } from '../db/queryable';
import { bytesToHex } from '../db/id-bytes';
import type { StoredRun } from './run-store';

const LIMIT = 100;
const MARGIN_MS = 60_000;

export interface RunTraces {
  faulted: string[];
  clean: string[];
  faultedRequests: number;
}

export async function runTraces(db: Queryable, run: StoredRun): Promise<RunTraces> {
  if (!run.injectionStartedAt) return { faulted: [], clean: [], faultedRequests: 0 };
  const fromNs = (BigInt(Date.parse(run.injectionStartedAt) - MARGIN_MS) * 1_000_000n).toString();
  const end = run.state.injectionEndedAt ?? run.finishedAt;
  const toNs = (BigInt((end ? Date.parse(end) : Date.now()) + MARGIN_MS) * 1_000_000n).toString();
  const marked = JSON.stringify({ 'tracehound.run.id': { stringValue: run.id } });
  const routes = [...new Set(run.definition.method.map((s) => s.route))];
  const [faulted, count, clean] = await Promise.all([
    db.query<{ trace_id: Buffer }>(
      `SELECT trace_id FROM spans WHERE tenant = $1 AND start_time_unix_nano >= $2::int8 AND start_time_unix_nano < $3::int8 AND attributes @> $4::jsonb
       GROUP BY trace_id ORDER BY min(start_time_unix_nano) LIMIT ${LIMIT}`,
      [run.tenant, fromNs, toNs, marked],
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM spans WHERE tenant = $1 AND start_time_unix_nano >= $2::int8 AND start_time_unix_nano < $3::int8 AND attributes @> $4::jsonb`, [
      run.tenant,
      fromNs,
      toNs,
      marked,
    ]),
    db.query<{ trace_id: Buffer }>(
      `SELECT trace_id FROM spans WHERE tenant = $1 AND service_name = 'tracehound-agent' AND start_time_unix_nano >= $2::int8 AND start_time_unix_nano < $3::int8
         AND attributes -> 'tracehound.route' ->> 'stringValue' = ANY($4::text[]) AND NOT attributes ? 'tracehound.fault.id'
       GROUP BY trace_id ORDER BY min(start_time_unix_nano) LIMIT ${LIMIT}`,
      [run.tenant, fromNs, toNs, routes],
    ),
  ]);
  return { faulted: faulted.rows.map((r) => bytesToHex(r.trace_id)), clean: clean.rows.map((r) => bytesToHex(r.trace_id)), faultedRequests: count.rows[0]?.n ?? 0 };
}
