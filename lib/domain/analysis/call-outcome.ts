// What a span's own record says about how its call ended, read from the attributes and events that HTTP,
// gRPC and generic instrumentations set:
// - ANSWERED: the caller got a reply — an HTTP response status (http.response.status_code, http.status_code)
//   or a gRPC status other than DEADLINE_EXCEEDED / CANCELLED. An answered caller did not time out, however
//   long its callee's span ran on (servers end spans on the socket's close and clean up after replying);
// - TIMED_OUT: evidence the caller gave up — gRPC DEADLINE_EXCEEDED, or on the calling side (any span but a
//   SERVER span) an error.type / exception type / status message / exception message naming a timeout,
//   deadline or abort. A server span's message usually repeats its downstream's failure ("pricing failed:
//   call … timed out"), which says nothing about the server itself giving up;
// - ABORTED: the span was closed because its own caller went away (gRPC CANCELLED);
// - UNKNOWN: none of these (hand-made spans, formats without attributes, the trace page's skeleton).
// Only the spans a rule asks about are read, so attribute objects of 100k spans are not walked.
import { anyValueToText, stringAttribute, type Attributes } from '../model/any-value';
import type { AnalysisSpan } from './analysis-span';
import { SpanKind } from '../model/span';

const SERVER = SpanKind.SERVER;

export const CallOutcome = { UNKNOWN: 0, ANSWERED: 1, TIMED_OUT: 2, ABORTED: 3 } as const;
export type CallOutcome = (typeof CallOutcome)[keyof typeof CallOutcome];

const GRPC_CANCELLED = '1';
const GRPC_DEADLINE_EXCEEDED = '4';
const TIMEOUT_WORDS = /time[sd]?[ _-]?out|deadline|abort/i;

export function callOutcome(span: AnalysisSpan): CallOutcome {
  const attributes: Attributes = span.attributes ?? {};
  const grpc = attributes['rpc.grpc.status_code'];
  if (grpc) {
    const code = anyValueToText(grpc);
    if (code === GRPC_DEADLINE_EXCEEDED) return CallOutcome.TIMED_OUT;
    if (code === GRPC_CANCELLED) return CallOutcome.ABORTED;
    return CallOutcome.ANSWERED;
  }
  if (attributes['http.response.status_code'] || attributes['http.status_code']) return CallOutcome.ANSWERED;
  if (span.kind === SERVER) return CallOutcome.UNKNOWN;
  const errorType = stringAttribute(attributes, 'error.type');
  if (errorType && TIMEOUT_WORDS.test(errorType)) return CallOutcome.TIMED_OUT;
  if (span.statusMessage && TIMEOUT_WORDS.test(span.statusMessage)) return CallOutcome.TIMED_OUT;
  for (const event of span.events ?? []) {
    if (event.name !== 'exception') continue;
    const type = stringAttribute(event.attributes, 'exception.type') ?? '';
    const message = stringAttribute(event.attributes, 'exception.message') ?? '';
    if (TIMEOUT_WORDS.test(type) || TIMEOUT_WORDS.test(message)) return CallOutcome.TIMED_OUT;
  }
  return CallOutcome.UNKNOWN;
}
