// Noise cancelling for response diffs: values that differ between any two answers to the same request
// (dates, generated ids, per-capture REDACTED hashes of rotating secrets) are replaced by placeholders
// before comparing, headers that always vary are not compared, and callers add their own ignore paths.
// Pure and deterministic; the same rules apply to the recorded and the replayed side.

/** Headers that vary between two answers to the same request, or that the transport rewrites. */
export const NOISY_HEADERS: readonly string[] = [
  'date',
  'age',
  'expires',
  'last-modified',
  'etag',
  'set-cookie',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'traceparent',
  'tracestate',
  'baggage',
  'server-timing',
  'x-request-id',
  'x-correlation-id',
  'request-id',
  'x-trace-id',
  'x-amzn-trace-id',
  'cf-ray',
  'via',
  'x-envoy-upstream-service-time',
  'x-response-time',
  'report-to',
  'nel',
];

const PATTERNS: readonly [RegExp, string][] = [
  [/REDACTED-[0-9a-f]{16}/g, 'REDACTED'],
  [/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g, '<timestamp>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  [/\b(?:[0-9a-f]{32}|[0-9a-f]{16})\b/g, '<id>'],
  // HTTP dates (Date, Expires) inside bodies.
  [/\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT\b/g, '<timestamp>'],
];

export function normalizeText(value: string): string {
  let out = value;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** A JSON value with every string normalized and the ignored paths (dot paths, `*` = any key) removed. */
export function normalizeJson(value: unknown, ignorePaths: readonly (readonly string[])[], path: readonly string[] = []): unknown {
  if (typeof value === 'string') return normalizeText(value);
  if (value === null || typeof value !== 'object') return value;
  const ignored = (key: string) => ignorePaths.some((p) => p.length === path.length + 1 && p.every((seg, i) => seg === '*' || seg === (i < path.length ? path[i] : key)));
  if (Array.isArray(value)) return value.map((item, i) => normalizeJson(item, ignorePaths, [...path, String(i)]));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (!ignored(key)) out[key] = normalizeJson(item, ignorePaths, [...path, key]);
  }
  return out;
}

/** "a.b.*.c" or "$.a.b" → ["a", "b", "*", "c"]. */
export function parseIgnorePath(path: string): string[] {
  return path
    .replace(/^\$\.?/, '')
    .split('.')
    .filter(Boolean);
}
