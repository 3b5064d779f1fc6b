// Traces for the cross-trace skew e2e test. ledger-host's clock runs 300 ms ahead of edge-host's.
// - 30 calibration traces: edge CLIENT [0, 100] → ledger SERVER really [2, 98] (read as [302, 398]); each
//   pair bounds θ = clock(ledger) − clock(edge) to [298, 302] ms.
// - the target trace: edge CLIENT "settle" [0, 1000] → ledger SERVER "post ledger entry" really [400, 450],
//   read as [700, 750]: it fits inside its parent, so only the cross-trace estimate can move it back.
// Times are fixed so re-sending is idempotent: 2 h before the current hour, so the spans are in the past (ingest
// refuses spans more than 1 h in the future; 03:00 UTC of the day was, before 02:00), but never before the start
// of the current UTC day, where e2e-traces.ts puts its trace: a span of another day makes the writer create that
// day's partition mid-suite, whose ACCESS EXCLUSIVE lock on spans waits behind every open read of spans.
// Hosts are unique to these traces so the estimate touches no other e2e trace.
import { SpanKind, type SpanRecord } from '../../lib/domain/model/span';
import { makeSpan } from '../../test/support/make-span';

export const SKEW_TARGET_TRACE_ID = '00000000000000000000000000e2e5ff';
export const CALIBRATION_TRACES = 30;
const MS = 1_000_000n;
const BASE = BigInt(Math.max(Math.floor(Date.now() / 86_400_000) * 86_400_000, Math.floor(Date.now() / 3_600_000) * 3_600_000 - 2 * 3_600_000)) * MS;
const LEDGER_AHEAD_MS = 300;

function span(traceId: string, id: string, parent: string | null, name: string, service: 'edge' | 'ledger', kind: SpanKind, startMs: number, endMs: number): SpanRecord {
  const host = `${service}-host`;
  const clock = service === 'ledger' ? LEDGER_AHEAD_MS : 0;
  return makeSpan({
    traceId,
    spanId: id,
    parentSpanId: parent,
    name,
    kind,
    serviceName: service,
    startTimeUnixNano: BASE + BigInt(startMs + clock) * MS,
    endTimeUnixNano: BASE + BigInt(endMs + clock) * MS,
    resourceAttributes: { 'service.name': { stringValue: service }, 'host.name': { stringValue: host } },
    host: { id: null, name: host, ip: null, serviceInstanceId: null },
    scope: { name: 'e2e', version: '1', attributes: {} },
  });
}

export function crossTraceSkewSpans(): SpanRecord[] {
  const out: SpanRecord[] = [];
  for (let k = 0; k < CALIBRATION_TRACES; k++) {
    const traceId = `00000000000000000000000000e2e5${k.toString(16).padStart(2, '0')}`;
    const t = k * 10_000; // one every 10 s, all within 15 minutes of the target
    out.push(span(traceId, 'c000000000000001', null, 'call ledger', 'edge', SpanKind.CLIENT, t, t + 100));
    out.push(span(traceId, 'c000000000000002', 'c000000000000001', 'post ledger entry', 'ledger', SpanKind.SERVER, t + 2, t + 98));
  }
  const t = 5 * 60_000;
  out.push(span(SKEW_TARGET_TRACE_ID, 'd000000000000001', null, 'settle', 'edge', SpanKind.CLIENT, t, t + 1000));
  out.push(span(SKEW_TARGET_TRACE_ID, 'd000000000000002', 'd000000000000001', 'post ledger entry', 'ledger', SpanKind.SERVER, t + 400, t + 450));
  return out;
}
