import 'server-only';
// Tempo's GET /api/search for Grafana's Tempo data source: TraceQL (`q`) through the existing compiler,
// `start`/`end` in unix seconds, `limit` (default 20), `spss` (spans per span set, default 3). The response
// has Tempo's field names (tempopb.SearchResponse in proto3 JSON): traces[].traceID, rootServiceName,
// rootTraceName, startTimeUnixNano (decimal string), durationMs, spanSets[{spans, matched}] (and the older
// single spanSet), each span with spanID, name, startTimeUnixNano, durationNanos and its service.name.
import type { KeyValue } from '@/lib/domain/model/any-value';
import { bytesToHex, hexToBytes } from '../db/id-bytes';
import { queryRows, type Queryable } from '../db/queryable';
import { sql } from '../db/sql-template';
import { AppError } from '../http/app-error';
import { parseSearchQuery, searchTraces } from '../search/search-traces';

export const TEMPO_DEFAULT_LIMIT = 20;
export const TEMPO_MAX_LIMIT = 500;
const DEFAULT_SPSS = 3;
const MAX_SPSS = 100;
const HOUR_NS = 3_600_000_000_000n;

export interface TempoSearchRequest {
  query: string;
  fromNs: bigint;
  toNs: bigint;
  limit: number;
  spss: number;
}

export interface TempoSpan {
  spanID: string;
  name: string;
  startTimeUnixNano: string;
  durationNanos: string;
  attributes: KeyValue[];
}

export interface TempoTrace {
  traceID: string;
  rootServiceName: string;
  rootTraceName: string;
  startTimeUnixNano: string;
  durationMs: number;
  spanSet: { spans: TempoSpan[]; matched: number };
  spanSets: { spans: TempoSpan[]; matched: number }[];
}

function bad(field: string, message: string): AppError {
  return new AppError('bad_request', message, { details: { field } });
}

function seconds(params: URLSearchParams, name: string): bigint | undefined {
  const text = params.get(name);
  if (text === null || text === '') return undefined;
  if (!/^\d{1,12}$/.test(text)) throw bad(name, `${name} must be unix seconds`);
  return BigInt(text) * 1_000_000_000n;
}

function whole(params: URLSearchParams, name: string, fallback: number, max: number): number {
  const text = params.get(name);
  if (text === null || text === '') return fallback;
  if (!/^\d{1,6}$/.test(text) || Number(text) < 1) throw bad(name, `${name} must be a positive whole number`);
  return Math.min(Number(text), max);
}

export function parseTempoSearch(params: URLSearchParams, nowNs: bigint = BigInt(Date.now()) * 1_000_000n): TempoSearchRequest {
  // Tempo's end is inclusive (seconds); our windows are half-open.
  const toNs = (seconds(params, 'end') ?? nowNs) + 1_000_000_000n;
  const fromNs = seconds(params, 'start') ?? toNs - HOUR_NS;
  if (fromNs >= toNs) throw bad('start', 'start must be before end');
  const query = params.get('q') ?? '';
  parseSearchQuery(query);
  return { query, fromNs, toNs, limit: whole(params, 'limit', TEMPO_DEFAULT_LIMIT, TEMPO_MAX_LIMIT), spss: whole(params, 'spss', DEFAULT_SPSS, MAX_SPSS) };
}

interface SpanRow {
  trace_id: Buffer;
  span_id: Buffer;
  name: string;
  service_name: string;
  start_time_unix_nano: bigint;
  end_time_unix_nano: bigint;
}

export async function tempoSearch(db: Queryable, tenant: string, request: TempoSearchRequest): Promise<{ traces: TempoTrace[] }> {
  const { traces } = await searchTraces(db, { tenant, query: request.query, fromNs: request.fromNs, toNs: request.toNs, limit: request.limit });
  const wanted = traces.flatMap((t) => t.matchedSpanIds.slice(0, request.spss).map((id) => ({ trace: t.traceId, span: id })));
  const rows =
    wanted.length === 0
      ? []
      : await queryRows<SpanRow>(
          db,
          sql`SELECT s.trace_id, s.span_id, s.name, s.service_name, s.start_time_unix_nano, s.end_time_unix_nano
FROM spans s JOIN unnest(${wanted.map((w) => hexToBytes(w.trace))}::bytea[], ${wanted.map((w) => hexToBytes(w.span))}::bytea[]) AS w(trace_id, span_id)
  ON s.trace_id = w.trace_id AND s.span_id = w.span_id
WHERE s.tenant = ${tenant} AND s.start_time_unix_nano >= ${request.fromNs.toString()}::int8
ORDER BY s.start_time_unix_nano`,
        );
  const spansOf = new Map<string, TempoSpan[]>();
  for (const r of rows) {
    const id = bytesToHex(r.trace_id);
    const span: TempoSpan = {
      spanID: bytesToHex(r.span_id),
      name: r.name,
      startTimeUnixNano: r.start_time_unix_nano.toString(),
      durationNanos: (r.end_time_unix_nano - r.start_time_unix_nano).toString(),
      attributes: [{ key: 'service.name', value: { stringValue: r.service_name } }],
    };
    spansOf.set(id, [...(spansOf.get(id) ?? []), span]);
  }
  return {
    traces: traces.map((t) => {
      const set = { spans: spansOf.get(t.traceId) ?? [], matched: t.matchedSpanIds.length };
      return {
        traceID: t.traceId,
        rootServiceName: t.rootService ?? '<root span not yet received>',
        rootTraceName: t.rootName ?? '',
        startTimeUnixNano: t.startUnixNano,
        durationMs: Math.round(Number(BigInt(t.durationNs) / 1000n) / 1000),
        spanSet: set,
        spanSets: [set],
      };
    }),
  };
}
