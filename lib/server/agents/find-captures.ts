import 'server-only';
// Captures of a trace, or of one span of it: the span may be the agent's own span or the caller's client span
// (replay starts from either), or the shadow copies of a trace. Newest first, bounded.
import type { CaptureRecord } from '@/lib/domain/agent/capture-record';
import type { Queryable } from '../db/queryable';
import { bytesToHex, hexToBytes } from '../db/id-bytes';

interface CaptureRow {
  id: string;
  agent: string;
  route: string;
  trace_id: Buffer | null;
  span_id: Buffer | null;
  parent_span_id: Buffer | null;
  shadow_of: Buffer | null;
  fault_id: string | null;
  started_at: Date;
  duration_ms: number;
  method: string;
  url: string;
  error: string | null;
  request: Omit<CaptureRecord['request'], 'method' | 'url'>;
  response: CaptureRecord['response'];
}

export interface CaptureQuery {
  traceId: string;
  spanId?: string | null;
  /** Also the shadow copies made of this trace. */
  includeShadows?: boolean;
  limit?: number;
}

const SELECT = `SELECT id, agent, route, trace_id, span_id, parent_span_id, shadow_of, fault_id, started_at, duration_ms, method, url, error, request, response
                  FROM agent_captures`;

export async function findCaptures(db: Queryable, tenant: string, query: CaptureQuery): Promise<CaptureRecord[]> {
  const trace = hexToBytes(query.traceId);
  const span = query.spanId ? hexToBytes(query.spanId) : null;
  const { rows } = await db.query<CaptureRow>(
    `${SELECT}
      WHERE tenant = $1
        AND ((trace_id = $2 AND ($3::bytea IS NULL OR span_id = $3 OR parent_span_id = $3)) OR ($4 AND shadow_of = $2))
      ORDER BY started_at DESC
      LIMIT $5`,
    [tenant, trace, span, query.includeShadows ?? false, query.limit ?? 200],
  );
  return rows.map(toRecord);
}

/** One capture by id (the `tracehound.capture.id` attribute of the agent's span), or null. */
export async function findCaptureById(db: Queryable, tenant: string, id: string): Promise<CaptureRecord | null> {
  const { rows } = await db.query<CaptureRow>(`${SELECT} WHERE tenant = $1 AND id = $2`, [tenant, id]);
  return rows[0] ? toRecord(rows[0]) : null;
}

function toRecord(r: CaptureRow): CaptureRecord {
  const hex = (b: Buffer | null) => (b ? bytesToHex(b) : null);
  return {
    id: r.id,
    agent: r.agent,
    route: r.route,
    traceId: hex(r.trace_id),
    spanId: hex(r.span_id),
    parentSpanId: hex(r.parent_span_id),
    shadowOf: hex(r.shadow_of),
    faultId: r.fault_id,
    startedAt: r.started_at.toISOString(),
    durationMs: Number(r.duration_ms),
    request: { method: r.method, url: r.url, ...r.request },
    response: r.response,
    error: r.error,
  };
}
