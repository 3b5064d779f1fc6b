// Jaeger's trace-search parameters → a TraceQL selector (as an AST, never as text): one span of `service`
// matching operation, every tag, and the duration bounds. A tag value matches a string attribute equal to
// it, or a number/boolean attribute with that value, since Jaeger clients send all tag values as strings.
import type { Comparison, FieldExpr, SpansetExpr } from '../traceql/ast';

export interface JaegerSearch {
  service: string;
  operation?: string;
  tags: Record<string, string>;
  minDurationNs?: bigint;
  maxDurationNs?: bigint;
}

function and(parts: FieldExpr[]): FieldExpr | null {
  return parts.reduce<FieldExpr | null>((acc, part) => (acc ? { type: 'and', left: acc, right: part, pos: 0 } : part), null);
}

function or(parts: FieldExpr[]): FieldExpr {
  return parts.slice(1).reduce<FieldExpr>((acc, part) => ({ type: 'or', left: acc, right: part, pos: 0 }), parts[0] as FieldExpr);
}

function tagCondition(key: string, value: string): FieldExpr {
  const field = { kind: 'attribute', scope: 'any', key } as const;
  const alternatives: Comparison[] = [{ type: 'comparison', field, op: '=', value: { type: 'string', value }, pos: 0 }];
  if (/^-?\d+(\.\d+)?$/.test(value)) alternatives.push({ type: 'comparison', field, op: '=', value: { type: 'number', text: value }, pos: 0 });
  if (value === 'true' || value === 'false') alternatives.push({ type: 'comparison', field, op: '=', value: { type: 'bool', value: value === 'true' }, pos: 0 });
  if (key === 'error' && value === 'true') {
    alternatives.push({ type: 'comparison', field: { kind: 'intrinsic', name: 'status' }, op: '=', value: { type: 'status', code: 2 }, pos: 0 });
  }
  return or(alternatives);
}

export function jaegerSearchToTraceQL(search: JaegerSearch): SpansetExpr {
  const parts: FieldExpr[] = [{ type: 'comparison', field: { kind: 'service' }, op: '=', value: { type: 'string', value: search.service }, pos: 0 }];
  if (search.operation) parts.push({ type: 'comparison', field: { kind: 'intrinsic', name: 'name' }, op: '=', value: { type: 'string', value: search.operation }, pos: 0 });
  for (const [key, value] of Object.entries(search.tags)) parts.push(tagCondition(key, value));
  if (search.minDurationNs !== undefined) {
    parts.push({ type: 'comparison', field: { kind: 'intrinsic', name: 'duration' }, op: '>=', value: { type: 'duration', ns: search.minDurationNs }, pos: 0 });
  }
  if (search.maxDurationNs !== undefined) {
    parts.push({ type: 'comparison', field: { kind: 'intrinsic', name: 'duration' }, op: '<=', value: { type: 'duration', ns: search.maxDurationNs }, pos: 0 });
  }
  return { type: 'selector', condition: and(parts), pos: 0 };
}

/** Jaeger UI sends tags as JSON ({"k":"v"}); older clients as logfmt (k=v k2="v 2"). */
export function parseJaegerTags(text: string | null): Record<string, string> | null {
  if (!text || text.trim() === '') return {};
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
      return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
    } catch {
      return null;
    }
  }
  const out: Record<string, string> = {};
  const pair = /\s*([^\s=]+)=(?:"((?:[^"\\]|\\.)*)"|(\S*))/y;
  let index = 0;
  while (index < trimmed.length) {
    pair.lastIndex = index;
    const m = pair.exec(trimmed);
    if (!m) return null;
    out[m[1] as string] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
    index = pair.lastIndex;
  }
  return out;
}
