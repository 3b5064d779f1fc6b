// The JSON report of analysed traces, as printed by `tracehound analyze` (and reusable by the API).
// All instants are decimal strings of unix nanoseconds and all durations/offsets decimal strings of
// nanoseconds, so no consumer ever parses an epoch nanosecond into a JS number. An unfinished span has
// null end times.
import type { TraceAnalysis } from './analyze-trace';
import { skewReasonText } from './clock-skew';
import type { Finding } from './finding';
import type { LikelyCause } from './likely-cause';

export interface SpanReport {
  spanId: string;
  parentSpanId: string | null;
  service: string;
  host: string;
  name: string;
  startUnixNano: string;
  endUnixNano: string | null;
  correctedStartUnixNano: string;
  correctedEndUnixNano: string | null;
  skewOffsetNs: string;
  skewReason: string | null;
}

export interface HostOffsetReport {
  host: string;
  referenceHost: string;
  offsetNs: string;
  errorBoundNs: string;
  samples: number;
}

export interface TraceReport {
  traceId: string;
  spans: SpanReport[];
  hostOffsets: HostOffsetReport[];
  criticalPath: { spanId: string; startUnixNano: string; endUnixNano: string }[];
  selfTimeByService: Record<string, string>;
  /** The one most likely cause, shown first; null when nothing in the trace explains a problem. */
  likelyCause: LikelyCause | null;
  findings: Finding[];
}

export function traceReport(analysis: TraceAnalysis): TraceReport {
  const { table, skew } = analysis;
  const base = table.baseUnixNano;
  const at = (relative: number): string => (base + BigInt(relative)).toString();
  return {
    traceId: analysis.traceId,
    spans: table.spans.map((span, i) => ({
      spanId: span.spanId,
      parentSpanId: span.parentSpanId,
      service: span.serviceName,
      host: table.hostNames[table.host[i]!]!,
      name: span.name,
      startUnixNano: span.startTimeUnixNano.toString(),
      endUnixNano: table.unfinished[i] ? null : span.endTimeUnixNano.toString(),
      correctedStartUnixNano: at(skew.start[i]!),
      correctedEndUnixNano: table.unfinished[i] ? null : at(skew.end[i]!),
      skewOffsetNs: String(skew.offset[i]!),
      skewReason: skewReasonText(table, skew, i),
    })),
    hostOffsets: analysis.hostOffsets.map((o) => ({
      host: o.host,
      referenceHost: o.referenceHost,
      offsetNs: String(o.offsetNs),
      errorBoundNs: String(o.errorBoundNs),
      samples: o.samples,
    })),
    criticalPath: analysis.criticalPath.map((seg) => ({ spanId: table.spans[seg.span]!.spanId, startUnixNano: at(seg.start), endUnixNano: at(seg.end) })),
    selfTimeByService: Object.fromEntries(Object.entries(analysis.selfTimeByService).map(([service, ns]) => [service, String(ns)])),
    likelyCause: analysis.likelyCause,
    findings: analysis.findings,
  };
}
