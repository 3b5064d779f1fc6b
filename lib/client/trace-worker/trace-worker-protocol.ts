// Messages between the trace page and its Web Worker. Each request carries an id; the worker answers with
// the same id. Large results travel as transferred typed arrays (see transferablesOf).
import type { DiffNode } from '@/lib/domain/compare/trace-diff';
import type { AnalysisPatch } from '@/lib/domain/waterfall/build-waterfall';
import type { SpanDetail } from '@/lib/domain/waterfall/span-detail';
import type { WaterfallData } from '@/lib/domain/waterfall/waterfall-data';
import type { CompareResult } from './compare-in-worker';
import type { TraceSummary } from '@/lib/domain/model/trace-summary';

export type TraceWorkerRequest =
  /** `skeleton`: the binary skeleton (lib/domain/waterfall/skeleton-binary.ts), downloaded by the page to reuse its preload. */
  | { id: number; type: 'load'; traceId: string; url: string; skeleton: ArrayBuffer }
  /** `/trace/local`: parse a file's text (kept in the worker, never sent anywhere) and list its traces. */
  | { id: number; type: 'open-file'; text: string }
  /** Build one trace of the opened file as a store under LOCAL_KEY_PREFIX + traceId (find/detail/analyze use that key). */
  | { id: number; type: 'load-local'; traceId: string }
  /** `find`: what the worker holds (names, services, span ids; a local file's attributes), at once; `find-attributes`: that plus the server's attribute matches. */
  | { id: number; type: 'find'; traceId: string; query: string }
  | { id: number; type: 'find-attributes'; traceId: string; query: string }
  | { id: number; type: 'detail'; traceId: string; node: number }
  | { id: number; type: 'analyze'; traceId: string }
  /** The /compare page: diff two stored traces; `compare-node` reads one node of the last diff. */
  | { id: number; type: 'compare'; a: string; b: string }
  | { id: number; type: 'compare-node'; a: string; b: string; node: number };

export type OpenFileResult = { ok: true; format: string; traces: TraceSummary[] } | { ok: false; error: string };

/** Store keys of traces opened from a local file: never a valid stored trace id, so the two never mix. */
export const LOCAL_KEY_PREFIX = 'local:';

export type LoadResult = { status: 'ok'; data: WaterfallData; timings: Record<string, number> } | { status: 'not_found' };

export type TraceWorkerResponse =
  { id: number; ok: true; result: OpenFileResult | LoadResult | Int32Array | SpanDetail | AnalysisPatch | CompareResult | DiffNode | null } | { id: number; ok: false; error: string };
