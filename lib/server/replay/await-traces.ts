import 'server-only';
// Waits for the traces a run started to be complete: done when no new span arrived for `settleMs` (with a
// deadline, since an upstream that is not instrumented never reports anything). Polls trace_summaries, one
// query per round, so a run of many requests costs one indexed lookup per poll.
import { hexToBytes } from '../db/id-bytes';
import type { Queryable } from '../db/queryable';

export interface SettleResult {
  /** True when the span counts stopped changing before the deadline. */
  settled: boolean;
  /** How many of the traces have arrived at all. */
  received: number;
}

async function spanCounts(db: Queryable, tenant: string, traceIds: readonly string[]): Promise<Map<string, number>> {
  const { rows } = await db.query<{ trace_id: Buffer; span_count: number }>('SELECT trace_id, span_count FROM trace_summaries WHERE tenant = $1 AND trace_id = ANY($2::bytea[])', [
    tenant,
    traceIds.map(hexToBytes),
  ]);
  return new Map(rows.map((r) => [r.trace_id.toString('hex'), Number(r.span_count)]));
}

export async function awaitTraces(db: Queryable, tenant: string, traceIds: readonly string[], options: { settleMs: number; deadlineMs: number }): Promise<SettleResult> {
  const pollMs = Math.max(50, Math.min(500, options.settleMs / 2));
  const deadline = Date.now() + options.deadlineMs;
  let last = '';
  let lastChange = Date.now();
  let counts = new Map<string, number>();
  for (;;) {
    counts = await spanCounts(db, tenant, traceIds);
    const now = JSON.stringify([...counts.entries()].sort());
    if (now !== last) {
      last = now;
      lastChange = Date.now();
    }
    // Nothing arrived yet is not "settled": keep waiting for the first spans until the deadline.
    if (counts.size > 0 && Date.now() - lastChange >= options.settleMs) return { settled: true, received: counts.size };
    if (Date.now() >= deadline) return { settled: false, received: counts.size };
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
