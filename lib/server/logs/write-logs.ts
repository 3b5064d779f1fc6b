import 'server-only';
// Stores log lines from every ingest path (Loki push, OTLP logs) in one statement: the distinct streams of
// the batch are upserted into log_streams (first/last seen widened, rows only touched when they change) and
// the lines are inserted with ON CONFLICT DO NOTHING on the logs primary key, whose fingerprint makes
// re-delivery idempotent (hashes documented in log-hashes.ts). Streams and lines are sorted so concurrent
// writers take locks in the same order.
import type { LogRow } from '@/lib/domain/model/log-row';
import { isValidSpanId, isValidTraceId, normalizeTraceId } from '@/lib/domain/model/ids';
import { dayOfUnixNano, ensureDayPartitions } from '../db/partitions';
import type { Queryable } from '../db/queryable';
import { fingerprintOf, streamIdOf } from './log-hashes';
import { formatLabelString } from '@/lib/domain/loki/label-string';

export interface WriteLogsResult {
  /** Lines newly stored (re-delivered lines are not counted). */
  inserted: number;
}

const WRITE_SQL = `
WITH streams AS (
  INSERT INTO log_streams AS s (tenant, stream_id, labels, first_seen_unix_nano, last_seen_unix_nano)
  SELECT tenant, stream_id, labels::jsonb, first_ns, last_ns
  FROM unnest($1::text[], $2::int8[], $3::text[], $4::int8[], $5::int8[]) AS t(tenant, stream_id, labels, first_ns, last_ns)
  ORDER BY tenant, stream_id
  ON CONFLICT (tenant, stream_id) DO UPDATE SET
    first_seen_unix_nano = LEAST(s.first_seen_unix_nano, EXCLUDED.first_seen_unix_nano),
    last_seen_unix_nano = GREATEST(s.last_seen_unix_nano, EXCLUDED.last_seen_unix_nano)
  WHERE EXCLUDED.first_seen_unix_nano < s.first_seen_unix_nano OR EXCLUDED.last_seen_unix_nano > s.last_seen_unix_nano
  RETURNING 1
),
inserted AS (
  INSERT INTO logs (tenant, trace_id, span_id, time_unix_nano, observed_time_unix_nano, stream_id, fingerprint,
    line, metadata, severity_text, severity_number)
  SELECT tenant, decode(trace_id, 'hex'), decode(span_id, 'hex'), time_ns, observed_ns, stream_id,
    decode(fingerprint, 'hex'), line, metadata::jsonb, severity_text, severity_number
  FROM unnest($6::text[], $7::text[], $8::text[], $9::int8[], $10::int8[], $11::int8[], $12::text[], $13::text[],
    $14::text[], $15::text[], $16::int2[])
    AS t(tenant, trace_id, span_id, time_ns, observed_ns, stream_id, fingerprint, line, metadata, severity_text,
      severity_number)
  ON CONFLICT DO NOTHING
  RETURNING 1
)
SELECT (SELECT count(*) FROM inserted)::int AS inserted, (SELECT count(*) FROM streams)::int AS streams`;

interface StreamAcc {
  tenant: string;
  id: bigint;
  labelsJson: string;
  first: bigint;
  last: bigint;
}

function cleanTraceId(id: string | null): string {
  if (!id) return '';
  const n = normalizeTraceId(id);
  return isValidTraceId(n) ? n : '';
}

function cleanSpanId(id: string | null): string | null {
  if (!id) return null;
  const n = id.trim().toLowerCase();
  return isValidSpanId(n) ? n : null;
}

/** Postgres text cannot hold NUL; log lines occasionally do. */
function stripNul(text: string): string {
  return text.includes('\0') ? text.replaceAll('\0', '\uFFFD') : text;
}

function stringMapJson(map: Record<string, string>): string {
  return JSON.stringify(map, (_k, v: unknown) => (typeof v === 'string' ? stripNul(v) : v));
}

export async function writeLogs(db: Queryable, rows: readonly LogRow[]): Promise<WriteLogsResult> {
  if (rows.length === 0) return { inserted: 0 };
  const streams = new Map<string, StreamAcc>();
  const streamIdByLabels = new Map<string, bigint>();
  const n = rows.length;
  const tenant: string[] = new Array(n);
  const traceId: string[] = new Array(n);
  const spanId: (string | null)[] = new Array(n);
  const timeNs: string[] = new Array(n);
  const observedNs: (string | null)[] = new Array(n);
  const streamId: string[] = new Array(n);
  const fingerprint: string[] = new Array(n);
  const line: string[] = new Array(n);
  const metadata: string[] = new Array(n);
  const severityText: (string | null)[] = new Array(n);
  const severityNumber: (number | null)[] = new Array(n);
  const days = new Set<number>();
  const order = rows.map((_, i) => i);
  for (let k = 0; k < n; k++) {
    const r = rows[k] as LogRow;
    // Label sets repeat across the lines of a stream: hash each distinct one once per batch.
    const canonical = formatLabelString(r.labels);
    let sid = streamIdByLabels.get(canonical);
    if (sid === undefined) {
      sid = streamIdOf(r.labels);
      streamIdByLabels.set(canonical, sid);
    }
    const key = `${r.tenant}\0${sid}`;
    const acc = streams.get(key);
    if (acc) {
      if (r.timeUnixNano < acc.first) acc.first = r.timeUnixNano;
      if (r.timeUnixNano > acc.last) acc.last = r.timeUnixNano;
    } else {
      streams.set(key, { tenant: r.tenant, id: sid, labelsJson: stringMapJson(r.labels), first: r.timeUnixNano, last: r.timeUnixNano });
    }
    const cleanLine = stripNul(r.line);
    tenant[k] = r.tenant;
    traceId[k] = cleanTraceId(r.traceId);
    spanId[k] = cleanSpanId(r.spanId);
    timeNs[k] = r.timeUnixNano.toString();
    observedNs[k] = r.observedTimeUnixNano === null ? null : r.observedTimeUnixNano.toString();
    streamId[k] = sid.toString();
    fingerprint[k] = fingerprintOf(sid, cleanLine, r.metadata).toString('hex');
    line[k] = cleanLine;
    metadata[k] = stringMapJson(r.metadata);
    severityText[k] = r.severityText;
    severityNumber[k] = r.severityNumber;
    days.add(dayOfUnixNano(r.timeUnixNano));
  }
  // Lock order for the logs PK: (trace_id, tenant, time). Sorting indices keeps the column arrays aligned.
  order.sort((a, b) => {
    const ta = traceId[a] as string, tb = traceId[b] as string;
    if (ta !== tb) return ta < tb ? -1 : 1;
    const xa = (rows[a] as LogRow).timeUnixNano, xb = (rows[b] as LogRow).timeUnixNano;
    return xa < xb ? -1 : xa > xb ? 1 : 0;
  });
  const pick = <T,>(col: T[]): T[] => order.map((i) => col[i] as T);
  await ensureDayPartitions(db, 'logs', days);
  const streamList = [...streams.values()];
  const { rows: result } = await db.query<{ inserted: number }>(WRITE_SQL, [
    streamList.map((s) => s.tenant),
    streamList.map((s) => s.id.toString()),
    streamList.map((s) => s.labelsJson),
    streamList.map((s) => s.first.toString()),
    streamList.map((s) => s.last.toString()),
    pick(tenant),
    pick(traceId),
    pick(spanId),
    pick(timeNs),
    pick(observedNs),
    pick(streamId),
    pick(fingerprint),
    pick(line),
    pick(metadata),
    pick(severityText),
    pick(severityNumber),
  ]);
  return { inserted: result[0]?.inserted ?? 0 };
}
