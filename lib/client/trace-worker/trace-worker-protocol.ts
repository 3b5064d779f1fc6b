// Messages between the trace page and its Web Worker. Each request carries an id; the worker answers with
// the same id. Large results travel as transferred typed arrays (see transferablesOf).
import type { DiffNode } from '@/lib/domain/compare/trace-diff';
import type { AnalysisPatch } from '@/lib/domain/waterfall/build-waterfall';
import type { SpanDetail } from '@/lib/domain/waterfall/span-detail';
import type { WaterfallData } from '@/lib/domain/waterfall/waterfall-data';
import type { CompareResult } from './compare-in-worker';

export type TraceWorkerRequest =
  /** `skeleton`: the binary skeleton (lib/domain/waterfall/skeleton-binary.ts), downloaded by the page to reuse its preload. */
  | { id: number; type: 'load'; traceId: string; url: string; skeleton: ArrayBuffer }
  | { id: number; type: 'find'; traceId: string; query: string }
  | { id: number; type: 'detail'; traceId: string; node: number }
  | { id: number; type: 'analyze'; traceId: string }
  /** The /compare page: diff two stored traces; `compare-node` reads one node of the last diff. */
  | { id: number; type: 'compare'; a: string; b: string }
  | { id: number; type: 'compare-node'; a: string; b: string; node: number };

export type LoadResult = { status: 'ok'; data: WaterfallData; timings: Record<string, number> } | { status: 'not_found' };

export type TraceWorkerResponse =
  | { id: number; ok: true; result: LoadResult | Int32Array | SpanDetail | AnalysisPatch | CompareResult | DiffNode | null }
  | { id: number; ok: false; error: string };
