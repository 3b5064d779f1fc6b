import 'server-only';
// Writes log lines in one multi-row statement (unnest, like the span writer) and upserts their streams in the
// same statement. stream_id is a 64-bit hash of the canonical label set (keys sorted, `{k="v",...}` with
// JSON-escaped values) — the first 8 bytes of its SHA-256 as a signed int8; fingerprint is the first 16 bytes
// of SHA-256 over stream id, line and canonical metadata, so a re-delivered line (same time — the time is part
// of the primary key) is stored once. Rows are sorted by key so concurrent writers lock in the same order.
import { createHash } from 'node:crypto';
import { dayOfUnixNano, ensureDayPartitions } from '../db/partitions';
import type { Queryable } from '../db/queryable';

export interface LogRow {
  tenant: string;
  traceId: string | null;
  spanId: string | null;
  timeUnixNano: bigint;
  observedTimeUnixNano: bigint | null;
  labels: Record<string, string>;
  line: string;
  metadata: Record<string, string>;
  severityText: string | null;
  severityNumber: number | null;
}

export function canonicalLabels(labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort();
  return `{${keys.map((k) => `${k}=${JSON.stringify(labels[k])}`).join(',')}}`;
}

export function streamIdOf(labels: Record<string, string>): bigint {
  const digest = createHash('sha256').update(canonicalLabels(labels)).digest();
  return digest.readBigInt64BE(0);
}

export function fingerprintOf(streamId: bigint, line: string, metadata: Record<string, string>): Buffer {
  return createHash('sha256').update(`${streamId}\n${line}\n${canonicalLabels(metadata)}`).digest().subarray(0, 16);
}

const WRITE_SQL = `
WITH input AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int8[], $5::int8[], $6::int8[], $7::text[], $8::text[],
    $9::text[], $10::text[], $11::int2[], $12::text[])
    AS t(tenant, trace_id, span_id, time_ns, observed_ns, stream_id, fingerprint, line, metadata, severity_text,
         severity_number, labels)
),
streams AS (
  INSERT INTO log_streams AS s (tenant, stream_id, labels, first_seen_unix_nano, last_seen_unix_nano)
  SELECT tenant, stream_id, (array_agg(labels))[1]::jsonb, min(time_ns), max(time_ns)
  FROM input GROUP BY tenant, stream_id ORDER BY tenant, stream_id
  ON CONFLICT (tenant, stream_id) DO UPDATE SET
    first_seen_unix_nano = LEAST(s.first_seen_unix_nano, EXCLUDED.first_seen_unix_nano),
    last_seen_unix_nano = GREATEST(s.last_seen_unix_nano, EXCLUDED.last_seen_unix_nano)
  RETURNING 1
),
inserted AS (
  INSERT INTO logs (tenant, trace_id, span_id, time_unix_nano, observed_time_unix_nano, stream_id, fingerprint, line,
    metadata, severity_text, severity_number)
  SELECT tenant, decode(coalesce(trace_id, ''), 'hex'), decode(span_id, 'hex'), time_ns, observed_ns, stream_id,
    decode(fingerprint, 'hex'), line, metadata::jsonb, severity_text, severity_number
  FROM input
  ON CONFLICT DO NOTHING
  RETURNING 1
)
SELECT (SELECT count(*) FROM inserted)::int AS inserted, (SELECT count(*) FROM streams)::int AS streams`;

export async function writeLogs(db: Queryable, rows: readonly LogRow[]): Promise<{ inserted: number }> {
  if (rows.length === 0) return { inserted: 0 };
  await ensureDayPartitions(db, 'logs', rows.map((r) => dayOfUnixNano(r.timeUnixNano)));
  const prepared = rows.map((r) => {
    const streamId = streamIdOf(r.labels);
    return { r, streamId, fingerprint: fingerprintOf(streamId, r.line, r.metadata).toString('hex') };
  });
  prepared.sort((a, b) => {
    const ta = a.r.traceId ?? '';
    const tb = b.r.traceId ?? '';
    if (ta !== tb) return ta < tb ? -1 : 1;
    if (a.r.timeUnixNano !== b.r.timeUnixNano) return a.r.timeUnixNano < b.r.timeUnixNano ? -1 : 1;
    return a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0;
  });
  const cols: unknown[][] = Array.from({ length: 12 }, () => new Array<unknown>(prepared.length));
  prepared.forEach(({ r, streamId, fingerprint }, i) => {
    cols[0]![i] = r.tenant;
    cols[1]![i] = r.traceId;
    cols[2]![i] = r.spanId;
    cols[3]![i] = r.timeUnixNano.toString();
    cols[4]![i] = r.observedTimeUnixNano?.toString() ?? null;
    cols[5]![i] = streamId.toString();
    cols[6]![i] = fingerprint;
    cols[7]![i] = r.line;
    cols[8]![i] = JSON.stringify(r.metadata);
    cols[9]![i] = r.severityText;
    cols[10]![i] = r.severityNumber;
    cols[11]![i] = JSON.stringify(r.labels);
  });
  const { rows: result } = await db.query<{ inserted: number }>(WRITE_SQL, cols);
  return { inserted: result[0]?.inserted ?? 0 };
}
