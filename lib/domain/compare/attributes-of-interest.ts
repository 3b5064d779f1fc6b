import type { Attributes } from '../model/any-value';

// The span attributes whose changes a trace diff reports: status codes, database statements and peer
// services (old and new semantic-convention names). Other attributes (ids, timestamps, sizes) differ between
// any two requests and would drown the signal.
export const ATTRIBUTES_OF_INTEREST: readonly string[] = [
  'http.status_code',
  'http.response.status_code',
  'rpc.grpc.status_code',
  'db.statement',
  'db.query.text',
  'db.operation',
  'db.operation.name',
  'peer.service',
  'error.type',
];

/** Attributes that stand for a span's status: a change in them is a divergence of the paths. */
export const STATUS_ATTRIBUTES: ReadonlySet<string> = new Set(['http.status_code', 'http.response.status_code', 'rpc.grpc.status_code']);

/** Distinct values kept per node, side and key; a pathological fan-out must not grow the document. */
export const MAX_VALUES_PER_KEY = 8;

/**
 * GET /api/traces/{traceId}/attributes-of-interest: the spans that carry any attribute of interest, with only
 * those attributes, ordered like the trace's JSON (start, then span id). The /compare page's worker joins
 * them to the binary skeleton by span id and start instead of downloading every attribute of both traces.
 */
export interface TraceAttributesOfInterest {
  traceId: string;
  /** [span id (16 hex), start (unix ns, decimal), attributes of interest] */
  spans: Array<[spanId: string, startUnixNano: string, attributes: Attributes]>;
}
