// The TraceQL subset's syntax tree. The parser has already type-checked every comparison (a status compares
// with error/ok/unset, a duration with a duration literal...), so the SQL compiler only maps nodes to SQL.
import type { SpanKind, StatusCode } from '../model/span';
import type { Operator } from './tokens';

/** Evaluates to a set of spans; a trace matches when its set is non-empty. */
export type SpansetExpr =
  | { type: 'selector'; condition: FieldExpr | null; pos: number }
  /** `A && B`: traces with spans in both; `A || B`: traces with spans in either. */
  | { type: 'spanset-and' | 'spanset-or'; left: SpansetExpr; right: SpansetExpr; pos: number }
  /** `A > B`: spans of B whose parent is in A; `A >> B`: spans of B with an ancestor in A. */
  | { type: 'child' | 'descendant'; parent: SpansetExpr; child: SpansetExpr; pos: number };

export type FieldExpr = { type: 'and' | 'or'; left: FieldExpr; right: FieldExpr; pos: number } | Comparison;

export interface Comparison {
  type: 'comparison';
  field: Field;
  op: Operator;
  value: Value;
  pos: number;
}

export type Intrinsic =
  | 'name'
  | 'status'
  | 'kind'
  | 'duration'
  | 'traceDuration'
  | 'rootServiceName'
  | 'rootName'
  // The background diagnosis of the trace (trace_summaries): any finding type it has, its most likely cause.
  | 'trace:finding'
  | 'trace:cause'
  | 'trace:causeService';

export type Field =
  | { kind: 'intrinsic'; name: Intrinsic }
  /** `resource.service.name` (and `.service.name`): stored in its own indexed column. */
  | { kind: 'service' }
  /** `span.x` → span attributes, `resource.x` → resource attributes, `.x` → either. */
  | { kind: 'attribute'; scope: 'span' | 'resource' | 'any'; key: string };

export type Value =
  | { type: 'string'; value: string }
  /** Decimal text, compared as SQL numeric. */
  | { type: 'number'; text: string }
  | { type: 'duration'; ns: bigint }
  | { type: 'bool'; value: boolean }
  | { type: 'status'; code: StatusCode }
  | { type: 'kind'; code: SpanKind };
