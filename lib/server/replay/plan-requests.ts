import 'server-only';
// The requests a run replays, from its source: captures (their scrubbed request and recorded response), spans
// without a capture (rebuilt from HTTP attributes, body unknown), an import, or one hand-edited request.
import type { CaptureRecord } from '@/lib/domain/agent/capture-record';
import { pathOf, type RecordedResponse, type ReplayRequest } from '@/lib/domain/replay/replay-request';
import { requestFromSpan, responseFromSpan } from '@/lib/domain/replay/request-from-span';
import { findCaptureById, findCaptures } from '../agents/find-captures';
import type { Queryable } from '../db/queryable';
import { AppError } from '../http/app-error';
import { readTrace } from '../traces/read-trace';
import { captureIdsInWindow } from './captures-in-window';
import { getImport } from './replay-imports';
import type { RunSource } from './replay-run-input';

export interface PlannedRequest {
  originalTraceId: string | null;
  originalSpanId: string | null;
  request: ReplayRequest;
  original: RecordedResponse | null;
  /** When the original was sent, if known (paces a run at the recorded rhythm). */
  recordedAt: string | null;
}

const flat = (headers: Record<string, string | string[]>) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : v]));

export function planFromCapture(c: CaptureRecord): PlannedRequest {
  const bodyKnown = c.request.body !== null && !c.request.bodyTruncated && !c.request.bodyWithheld;
  return {
    originalTraceId: c.traceId,
    originalSpanId: c.spanId,
    request: {
      method: c.request.method.toUpperCase(),
      url: pathOf(c.request.url),
      headers: flat(c.request.headers),
      body: bodyKnown ? c.request.body : null,
      bodyUnknown: !bodyKnown && c.request.bodySize > 0,
    },
    original: c.response ? { status: c.response.status, headers: flat(c.response.headers), body: c.response.bodyWithheld ? null : c.response.body, bodyTruncated: c.response.bodyTruncated } : null,
    recordedAt: c.startedAt,
  };
}

async function planFromTrace(db: Queryable, tenant: string, traceId: string, spanIds: string[] | undefined): Promise<PlannedRequest[]> {
  if (!spanIds || spanIds.length === 0) {
    const captures = (await findCaptures(db, tenant, { traceId })).filter((c) => c.shadowOf === null).reverse();
    if (captures.length > 0) return captures.map(planFromCapture);
  }
  const trace = await readTrace(db, tenant, traceId);
  if (!trace) throw new AppError('not_found', `No trace ${traceId}.`);
  // Without span ids and captures: the trace's entry requests (root spans with HTTP attributes).
  const wanted = spanIds && spanIds.length > 0 ? spanIds : trace.spans.filter((s) => s.parentSpanId === null || !trace.spans.some((p) => p.spanId === s.parentSpanId)).map((s) => s.spanId);
  const planned: PlannedRequest[] = [];
  for (const spanId of wanted) {
    const capture = (await findCaptures(db, tenant, { traceId, spanId, limit: 1 }))[0];
    if (capture) {
      planned.push(planFromCapture(capture));
      continue;
    }
    const span = trace.spans.find((s) => s.spanId === spanId);
    if (!span) throw new AppError('not_found', `No span ${spanId} in trace ${traceId}.`);
    const request = requestFromSpan(span.attributes);
    if (!request) throw new AppError('bad_request', `span ${spanId} ("${span.name}") has no capture and no HTTP method and URL attributes to rebuild its request from`);
    planned.push({
      originalTraceId: traceId,
      originalSpanId: spanId,
      request,
      original: responseFromSpan(span.attributes),
      recordedAt: new Date(Number(BigInt(span.startTimeUnixNano) / 1_000_000n)).toISOString(),
    });
  }
  if (planned.length === 0) throw new AppError('bad_request', `trace ${traceId} has no captured or HTTP requests to replay`);
  return planned;
}

/** `limit` bounds sources that could be huge (a window); the caller refuses a plan longer than its cap. */
export async function planRequests(db: Queryable, tenant: string, source: RunSource, limit = 1000): Promise<PlannedRequest[]> {
  switch (source.kind) {
    case 'window': {
      const ids = await captureIdsInWindow(db, tenant, source, limit);
      if (ids.length === 0) throw new AppError('bad_request', `no captures started between ${source.from} and ${source.to}${source.route ? ` on route ${source.route}` : ''}`);
      return planRequests(db, tenant, { kind: 'captures', captureIds: ids });
    }
    case 'traces': {
      const planned: PlannedRequest[] = [];
      for (const traceId of source.traceIds) {
        try {
          planned.push(...(await planFromTrace(db, tenant, traceId, undefined)));
        } catch (error) {
          // A search result may hold traces with nothing to replay (no capture, no HTTP root span): left out.
          if (!(error instanceof AppError) || (error.code !== 'bad_request' && error.code !== 'not_found')) throw error;
        }
        if (planned.length >= limit) break;
      }
      if (planned.length === 0) throw new AppError('bad_request', 'none of the traces has a captured or HTTP request to replay');
      return planned;
    }
    case 'captures': {
      const planned: PlannedRequest[] = [];
      for (const id of source.captureIds) {
        const capture = await findCaptureById(db, tenant, id);
        if (!capture) throw new AppError('not_found', `No capture ${id}.`);
        planned.push(planFromCapture(capture));
      }
      return planned;
    }
    case 'trace':
      return planFromTrace(db, tenant, source.traceId, source.spanIds);
    case 'import': {
      const imported = await getImport(db, tenant, source.importId);
      return imported.requests.map((r) => ({
        originalTraceId: null,
        originalSpanId: null,
        request: r.request,
        original: r.status === null ? null : { status: r.status, headers: {}, body: null, bodyTruncated: false },
        recordedAt: r.recordedAt,
      }));
    }
    case 'request': {
      // An edited request is still compared with what its original got, when that was captured.
      const capture = source.originalTraceId && source.originalSpanId ? (await findCaptures(db, tenant, { traceId: source.originalTraceId, spanId: source.originalSpanId, limit: 1 }))[0] : undefined;
      const original = capture ? planFromCapture(capture).original : null;
      return [{ originalTraceId: source.originalTraceId, originalSpanId: source.originalSpanId, request: { ...source.request, url: pathOf(source.request.url) }, original, recordedAt: null }];
    }
  }
}
