import 'server-only';
// Stores log lines from every ingest path (Loki push, OTLP logs). The distinct streams of the batch are
// upserted into log_streams (first/last seen widened, rows only touched when they change) and the lines are
// inserted idempotently: the logs primary key includes a fingerprint (hashes documented in log-hashes.ts), so
// a re-delivered line is stored once.
//
// Two paths, same result:
// * given a pool on a PostgreSQL server (supportsCopy; not the embedded PGlite socket): streams upsert (own short statement), then COPY of the lines (copy-logs.ts) — the fast
//   path; if any line already exists COPY stores nothing and we fall through to:
// * the general path (any Queryable, e.g. a client inside the caller's transaction): one statement that
//   upserts streams and INSERTs ... ON CONFLICT DO NOTHING.
// Stream upserts are skipped when this process recently wrote a window covering the batch
// (stream-window-cache.ts). Streams and lines are sorted so concurrent writers take locks in the same order.
import type { LogRow } from '@/lib/domain/model/log-row';
import { isValidSpanId, isValidTraceId, normalizeTraceId } from '@/lib/domain/model/ids';
import { dayOfUnixNano, ensureDayPartitions } from '../db/partitions';
import pg from 'pg';
import type { Queryable } from '../db/queryable';
import { supportsCopy } from '../db/copy-support';
import { copyLogs, type CopyRow } from './copy-logs';
import { fingerprintOf, streamIdOf } from './log-hashes';
import { rememberStreams, streamsNeedingUpsert } from './stream-window-cache';
import { formatLabelString } from '@/lib/domain/loki/label-string';
import { storableStringMap, storableText } from '@/lib/domain/model/storable';

export interface WriteLogsResult {
  /** Lines newly stored (re-delivered lines are not counted). */
  inserted: number;
}

const STREAMS_SQL = `
INSERT INTO log_streams AS s (tenant, stream_id, labels, first_seen_unix_nano, last_seen_unix_nano)
SELECT tenant, stream_id, labels::jsonb, first_ns, last_ns
FROM unnest($1::text[], $2::int8[], $3::text[], $4::int8[], $5::int8[]) AS t(tenant, stream_id, labels, first_ns, last_ns)
ORDER BY tenant, stream_id
ON CONFLICT (tenant, stream_id) DO UPDATE SET
  first_seen_unix_nano = LEAST(s.first_seen_unix_nano, EXCLUDED.first_seen_unix_nano),
  last_seen_unix_nano = GREATEST(s.last_seen_unix_nano, EXCLUDED.last_seen_unix_nano)
WHERE EXCLUDED.first_seen_unix_nano < s.first_seen_unix_nano OR EXCLUDED.last_seen_unix_nano > s.last_seen_unix_nano`;

// The general path runs the same stream upsert as STREAMS_SQL, as a CTE beside the line insert.
const WRITE_SQL = `
WITH streams AS (${STREAMS_SQL}
  RETURNING 1
),
inserted AS (
  INSERT INTO logs (tenant, trace_id, span_id, time_unix_nano, observed_time_unix_nano, stream_id, fingerprint,
    line, metadata, severity_text, severity_number)
  SELECT t.tenant, decode(t.trace_id, 'hex'), decode(t.span_id, 'hex'), t.time_ns, t.observed_ns, t.stream_id,
    decode(t.fingerprint, 'hex'), t.line, t.metadata, t.severity_text, t.severity_number
  FROM json_to_recordset($6::json) AS t(tenant text, trace_id text, span_id text, time_ns int8, observed_ns int8,
    stream_id int8, fingerprint text, line text, metadata jsonb, severity_text text, severity_number int2)
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

// Postgres text cannot hold NUL or lone surrogates. The mappers already cleaned their rows (storable.ts); this
// keeps writers of their own rows (tools, tests) safe too. Both return their input when it is already clean.
const stripNul = storableText;
const cleanMap = storableStringMap;

function stringMapJson(map: Record<string, string>): string {
  return JSON.stringify(cleanMap(map));
}

/** One line as a json_to_recordset row (keys match the column list in WRITE_SQL). */
interface RowJson {
  tenant: string;
  trace_id: string;
  span_id: string | null;
  time_ns: string;
  observed_ns: string | null;
  stream_id: string;
  fingerprint: string;
  line: string;
  metadata: Record<string, string>;
  severity_text: string | null;
  severity_number: number | null;
}

export async function writeLogs(db: Queryable, rows: readonly LogRow[]): Promise<WriteLogsResult> {
  if (rows.length === 0) return { inserted: 0 };
  const streams = new Map<string, StreamAcc>();
  const streamIdByLabels = new Map<string, bigint>();
  // Rows of one pushed stream share one labels object: resolve each object once, not once per line.
  const streamIdByObject = new Map<Record<string, string>, bigint>();
  const days = new Set<number>();
  const out: { row: RowJson; time: bigint }[] = new Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k] as LogRow;
    let sid = streamIdByObject.get(r.labels);
    if (sid === undefined) {
      const canonical = formatLabelString(r.labels);
      sid = streamIdByLabels.get(canonical);
      if (sid === undefined) {
        sid = streamIdOf(r.labels);
        streamIdByLabels.set(canonical, sid);
      }
      streamIdByObject.set(r.labels, sid);
    }
    const key = `${r.tenant}\0${sid}`;
    const acc = streams.get(key);
    if (acc) {
      if (r.timeUnixNano < acc.first) acc.first = r.timeUnixNano;
      if (r.timeUnixNano > acc.last) acc.last = r.timeUnixNano;
    } else {
      streams.set(key, { tenant: r.tenant, id: sid, labelsJson: stringMapJson(r.labels), first: r.timeUnixNano, last: r.timeUnixNano });
    }
    const line = stripNul(r.line);
    out[k] = {
      time: r.timeUnixNano,
      row: {
        tenant: r.tenant,
        trace_id: cleanTraceId(r.traceId),
        span_id: cleanSpanId(r.spanId),
        time_ns: r.timeUnixNano.toString(),
        observed_ns: r.observedTimeUnixNano === null ? null : r.observedTimeUnixNano.toString(),
        stream_id: sid.toString(),
        fingerprint: fingerprintOf(sid, line, r.metadata).toString('hex'),
        line,
        metadata: cleanMap(r.metadata),
        severity_text: r.severityText,
        severity_number: r.severityNumber,
      },
    };
    days.add(dayOfUnixNano(r.timeUnixNano));
  }
  // Lock order for the logs PK: (trace_id, tenant, time).
  out.sort((a, b) => (a.row.trace_id !== b.row.trace_id ? (a.row.trace_id < b.row.trace_id ? -1 : 1) : a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  await ensureDayPartitions(db, 'logs', days);
  const streamList = streamsNeedingUpsert(db, [...streams.values()]);
  const streamParams = [
    streamList.map((s) => s.tenant),
    streamList.map((s) => s.id.toString()),
    streamList.map((s) => s.labelsJson),
    streamList.map((s) => s.first.toString()),
    streamList.map((s) => s.last.toString()),
  ];
  if (supportsCopy(db)) {
    if (streamList.length > 0) {
      await db.query(STREAMS_SQL, streamParams);
      rememberStreams(db, streamList);
    }
    const copied = await copyLogs(
      db,
      out.map(({ row }): CopyRow => ({
        tenant: row.tenant,
        traceIdHex: row.trace_id,
        spanIdHex: row.span_id,
        timeNs: row.time_ns,
        observedNs: row.observed_ns,
        streamId: row.stream_id,
        fingerprintHex: row.fingerprint,
        line: row.line,
        metadataJson: JSON.stringify(row.metadata),
        severityText: row.severity_text,
        severityNumber: row.severity_number,
      })),
    );
    if (copied) return { inserted: out.length };
  }
  // Lines travel as ONE json parameter: JSON.stringify is native and PostgreSQL parses json in C, which
  // measured far cheaper than eleven text[]/int8[] array literals (bench:logs, docs/performance.md).
  const { rows: result } = await db.query<{ inserted: number }>(WRITE_SQL, [
    ...streamParams,
    // No replacer: values were cleaned above, and a replacer makes JSON.stringify several times slower.
    JSON.stringify(out.map((o) => o.row)),
  ]);
  // Only a pool's writes are known to be committed here; inside a caller's transaction, cache nothing.
  if (db instanceof pg.Pool) rememberStreams(db, streamList);
  return { inserted: result[0]?.inserted ?? 0 };
}
