import 'server-only';
// The fast path of writeLogs: COPY FROM STDIN (text format) into logs. COPY uses PostgreSQL's batched heap
// inserts and skips per-row speculative insertion, so it is much cheaper than INSERT ... ON CONFLICT; but it
// cannot skip duplicates. A batch containing an already-stored line fails with unique_violation (23505) and
// changes nothing — the caller then falls back to the idempotent INSERT ... ON CONFLICT DO NOTHING path.
import type pg from 'pg';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';

/** One line in the column order of COPY_SQL. Ids and fingerprint are hex ('' trace id = unknown). */
export interface CopyRow {
  tenant: string;
  traceIdHex: string;
  spanIdHex: string | null;
  timeNs: string;
  observedNs: string | null;
  streamId: string;
  fingerprintHex: string;
  line: string;
  metadataJson: string;
  severityText: string | null;
  severityNumber: number | null;
}

const COPY_SQL = 'COPY logs (tenant, trace_id, span_id, time_unix_nano, observed_time_unix_nano, stream_id, fingerprint, line, metadata, severity_text, severity_number) FROM STDIN';

const SPECIAL = /[\\\n\r\t]/;

/** COPY text-format field: backslash escapes, \N for NULL. */
export function copyField(value: string | null): string {
  if (value === null) return '\\N';
  if (!SPECIAL.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
}

/** bytea in COPY text format: the hex form `\x..` with its backslash escaped. */
function byteaField(hex: string | null): string {
  return hex === null ? '\\N' : `\\\\x${hex}`;
}

export function copyLine(r: CopyRow): string {
  return `${copyField(r.tenant)}\t${byteaField(r.traceIdHex)}\t${byteaField(r.spanIdHex)}\t${r.timeNs}\t${r.observedNs ?? '\\N'}\t${r.streamId}\t${byteaField(r.fingerprintHex)}\t${copyField(r.line)}\t${copyField(r.metadataJson)}\t${copyField(r.severityText)}\t${r.severityNumber === null ? '\\N' : r.severityNumber}\n`;
}

/** Returns true when the rows were stored, false when some line already existed (nothing was stored). */
export async function copyLogs(pool: pg.Pool, rows: readonly CopyRow[]): Promise<boolean> {
  const chunks: string[] = [];
  for (let i = 0; i < rows.length; i += 500)
    chunks.push(
      rows
        .slice(i, i + 500)
        .map(copyLine)
        .join(''),
    );
  const client = await pool.connect();
  try {
    await pipeline(Readable.from(chunks), client.query(copyFrom(COPY_SQL)));
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === '23505') return false;
    throw error;
  } finally {
    client.release();
  }
}
