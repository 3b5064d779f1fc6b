import 'server-only';
// Writes a batch of capture records (already scrubbed by the agent) in one statement; re-sent records are
// ignored by id, so an agent retrying a batch stores nothing twice.
import type { CaptureRecord } from '@/lib/domain/agent/capture-record';
import type { Queryable } from '../db/queryable';
import { hexToBytes } from '../db/id-bytes';

const COLUMNS = [
  'id',
  'tenant',
  'agent',
  'route',
  'trace_id',
  'span_id',
  'parent_span_id',
  'shadow_of',
  'fault_id',
  'started_at',
  'duration_ms',
  'method',
  'url',
  'status',
  'error',
  'request',
  'response',
];

function row(tenant: string, c: CaptureRecord): unknown[] {
  const id = (hex: string | null) => (hex ? hexToBytes(hex) : null);
  const { method, url, ...request } = c.request;
  return [
    c.id,
    tenant,
    c.agent,
    c.route,
    id(c.traceId),
    id(c.spanId),
    id(c.parentSpanId),
    id(c.shadowOf),
    c.faultId,
    c.startedAt,
    c.durationMs,
    method,
    url,
    c.response?.status ?? null,
    c.error,
    JSON.stringify(request),
    c.response ? JSON.stringify(c.response) : null,
  ];
}

export async function storeCaptures(db: Queryable, tenant: string, captures: readonly CaptureRecord[]): Promise<number> {
  if (captures.length === 0) return 0;
  const values: unknown[] = [];
  const tuples = captures.map((capture) => {
    const fields = row(tenant, capture);
    const start = values.length;
    values.push(...fields);
    return `(${fields.map((_, i) => `$${start + i + 1}`).join(', ')})`;
  });
  const result = await db.query(`INSERT INTO agent_captures (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT (id) DO NOTHING`, values);
  return result.rowCount ?? 0;
}
