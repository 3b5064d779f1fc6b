// Messages between the trace page and its Web Worker. Each request carries an id; the worker answers with
// the same id. Large results travel as transferred typed arrays (see transferablesOf).
import type { SpanDetail } from '@/lib/domain/waterfall/span-detail';
import type { WaterfallData } from '@/lib/domain/waterfall/waterfall-data';

export type TraceWorkerRequest =
  | { id: number; type: 'load'; traceId: string; url: string }
  | { id: number; type: 'find'; traceId: string; query: string }
  | { id: number; type: 'detail'; traceId: string; node: number };

export type LoadResult = { status: 'ok'; data: WaterfallData; timings: Record<string, number> } | { status: 'not_found' };

export type TraceWorkerResponse =
  | { id: number; ok: true; result: LoadResult | Int32Array | SpanDetail | null }
  | { id: number; ok: false; error: string };
