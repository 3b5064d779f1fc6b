// A fault the Tracehound agent injected (chaos runs): its hop span carries `tracehound.fault.type`. The rules
// run without the hop (agent-hops.ts), so an injected error or delay shows up on the caller's CLIENT span, as an
// uninstrumented callee would. When the likely cause lands on such a call, it says the fault was injected, and
// by whom on which call: a chaos run wants to see its own fault named, not "gateway failed".
import { anyValueToText, stringAttribute } from '../model/any-value';
import type { AnalysisSpan } from './analysis-span';
import type { HopFreeView } from './agent-hops';
import type { LikelyCause } from './likely-cause';
import { formatDurationNs } from '../time/format-duration';

export const FAULT_TYPE_ATTRIBUTE = 'tracehound.fault.type';
export const FAULT_ID_ATTRIBUTE = 'tracehound.fault.id';
const ROUTE_ATTRIBUTE = 'tracehound.route';
const STATUS_ATTRIBUTES = ['http.response.status_code', 'http.status_code'];
const PEER_ATTRIBUTES = ['peer.service', 'server.address'];

export interface InjectedFault {
  /** `tracehound.fault.type`: latency, error, abort, hang, bandwidth, slow_body. */
  type: string;
  faultId: string | null;
  /** The hop span that carries the fault. */
  spanId: string;
  caller: string;
  callee: string;
}

/** The likely cause, restated as an injected fault when it rests on the caller's span of a faulted hop. */
export function injectedFaultCause(cause: LikelyCause, input: readonly AnalysisSpan[], view: HopFreeView): LikelyCause {
  for (const h of view.hops) {
    const hop = input[h]!;
    const type = hop.attributes && stringAttribute(hop.attributes, FAULT_TYPE_ATTRIBUTE);
    if (!type || view.skipper.parentIdOf(hop) !== cause.spanId) continue;
    const caller = view.spans.find((s) => s.spanId === cause.spanId);
    if (!caller) continue;
    const callee = calleeOf(hop, caller, input);
    const fault: InjectedFault = {
      type,
      faultId: (hop.attributes && stringAttribute(hop.attributes, FAULT_ID_ATTRIBUTE)) ?? null,
      spanId: hop.spanId,
      caller: caller.serviceName,
      callee: callee.service,
    };
    return {
      ...cause,
      service: callee.service,
      injectedFault: fault,
      summary: `fault injected by the agent on ${caller.serviceName} → ${callee.service}: ${faultDetail(type, hop, callee.span)} (${cause.summary})`,
    };
  }
  return cause;
}

/** The service the call was meant for: the callee's span when it was reached, else what the spans name. */
function calleeOf(hop: AnalysisSpan, caller: AnalysisSpan, input: readonly AnalysisSpan[]): { service: string; span: AnalysisSpan | null } {
  const reached = input.find((s) => s.parentSpanId === hop.spanId && s.traceId === hop.traceId);
  if (reached) return { service: reached.serviceName, span: reached };
  const named = [...PEER_ATTRIBUTES.map((k) => caller.attributes && stringAttribute(caller.attributes, k)), hop.attributes && stringAttribute(hop.attributes, ROUTE_ATTRIBUTE)].find(Boolean);
  return { service: named ?? 'its upstream', span: null };
}

function faultDetail(type: string, hop: AnalysisSpan, reached: AnalysisSpan | null): string {
  if (type === 'error') {
    const status = STATUS_ATTRIBUTES.map((k) => hop.attributes?.[k]).find((v) => v !== undefined);
    return status ? `error ${anyValueToText(status)}` : 'error';
  }
  if (type === 'latency' || type === 'bandwidth' || type === 'slow_body') {
    // The hop's time not spent in the callee is what the agent added (durations are clock-independent).
    const added = duration(hop) - (reached ? duration(reached) : 0n);
    return added > 0n ? `${type.replace('_', ' ')}, ${formatDurationNs(added)} added` : type.replace('_', ' ');
  }
  return type;
}

function duration(span: AnalysisSpan): bigint {
  return span.endTimeUnixNano > span.startTimeUnixNano ? span.endTimeUnixNano - span.startTimeUnixNano : 0n;
}
