// What decoding an OTLP trace export body means, wherever it runs (the span decode worker, or the request's
// own thread when INGEST_DECODE_THREADS=0): decode → map to storable spans (per-item rejections) → serialize the
// rows for the INSERT once (prepared-span-rows.ts). Pure apart from the decoding: no database, no framework, so
// the worker can load it.
import { decodeOtlpTraceJson } from '@/lib/domain/otlp/decode-otlp-json';
import { decodeOtlpTraceProto } from '@/lib/domain/otlp/decode-otlp-proto';
import { OtlpDecodeError } from '@/lib/domain/otlp/otlp-request';
import { spansFromOtlp } from '@/lib/domain/otlp/spans-from-otlp';
import type { StorageLimits } from '@/lib/domain/model/storable';
import type { IngestWindow } from '@/lib/domain/model/ingest-window';
import { prepareSpanRows, type PreparedSpans } from '../../spans/prepared-span-rows';
import type { BodyFormat } from '../ingest-request';

export interface SpanDecodeJob {
  format: BodyFormat;
  body: Uint8Array;
  tenant: string;
  limits: StorageLimits;
  window: IngestWindow;
}

export type SpanDecodeOutcome =
  | { ok: true; chunk: PreparedSpans; rejected: number; errorMessage: string }
  /** The body is not a valid export: the sender gets a 400 with this message. */
  | { ok: false; badRequest: string };

const utf8 = new TextDecoder('utf-8', { fatal: false });

export function runSpanDecodeJob(job: SpanDecodeJob): SpanDecodeOutcome {
  let decoded;
  try {
    // A Buffer view (no copy) makes protobufjs-style readers use Node's native UTF-8 decoding for strings.
    decoded = job.format === 'json' ? decodeOtlpTraceJson(utf8.decode(job.body)) : decodeOtlpTraceProto(Buffer.from(job.body.buffer, job.body.byteOffset, job.body.byteLength));
  } catch (error) {
    if (error instanceof OtlpDecodeError) return { ok: false, badRequest: error.message };
    throw error;
  }
  const { spans, rejected, errorMessage } = spansFromOtlp(decoded, job.tenant, job.limits, job.window);
  return { ok: true, chunk: prepareSpanRows(spans), rejected, errorMessage };
}
