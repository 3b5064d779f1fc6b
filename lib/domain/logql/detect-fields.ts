// Loki's /detected_fields over a sample of lines: the fields a `| json` or `| logfmt` would extract (top-level
// keys) plus structured metadata, each with a type guessed from its values as Loki does (int, float,
// duration, bytes, boolean, else string) and its cardinality in the sample. Pure.
export type DetectedType = 'int' | 'float' | 'duration' | 'bytes' | 'boolean' | 'string';

export interface DetectedField {
  label: string;
  type: DetectedType;
  cardinality: number;
  /** Parsers that extract it; null for structured metadata. */
  parsers: ('json' | 'logfmt')[] | null;
}

export interface SampleLine {
  line: string;
  metadata: Record<string, string>;
}

const LOGFMT_PAIR = /([^\s="]+)=(?:"((?:[^"\\]|\\.)*)"|(\S*))/g;

export function logfmtFields(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of line.matchAll(LOGFMT_PAIR)) out[m[1]!] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
  return out;
}

function jsonFields(line: string): Record<string, string> | null {
  if (!line.startsWith('{')) return null;
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  } catch {
    return null;
  }
}

function typeOf(value: string): DetectedType {
  if (/^-?\d+$/.test(value)) return 'int';
  if (/^-?(\d+\.\d*|\.\d+)(e[-+]?\d+)?$/i.test(value)) return 'float';
  if (/^(true|false)$/i.test(value)) return 'boolean';
  if (/^-?(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(value)) return 'duration';
  if (/^\d+(\.\d+)?\s?([KMGTPE]i?)?B$/.test(value)) return 'bytes';
  return 'string';
}

export function detectFields(lines: readonly SampleLine[], limit: number): DetectedField[] {
  const fields = new Map<string, { values: Set<string>; types: Set<DetectedType>; parsers: Set<'json' | 'logfmt'>; metadata: boolean }>();
  const add = (key: string, value: string, parser: 'json' | 'logfmt' | null) => {
    let f = fields.get(key);
    if (!f) fields.set(key, (f = { values: new Set(), types: new Set(), parsers: new Set(), metadata: false }));
    f.values.add(value);
    f.types.add(typeOf(value));
    if (parser) f.parsers.add(parser);
    else f.metadata = true;
  };
  for (const { line, metadata } of lines) {
    for (const [k, v] of Object.entries(metadata)) add(k, v, null);
    const json = jsonFields(line);
    if (json) for (const [k, v] of Object.entries(json)) add(k, v, 'json');
    else for (const [k, v] of Object.entries(logfmtFields(line))) add(k, v, 'logfmt');
  }
  return [...fields.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .slice(0, limit)
    .map(([label, f]) => ({
      label,
      // Mixed int/float values are floats; any other mix is a string, as Loki reports it.
      type: f.types.size === 1 ? [...f.types][0]! : [...f.types].every((t) => t === 'int' || t === 'float') ? 'float' : 'string',
      cardinality: f.values.size,
      parsers: f.metadata && f.parsers.size === 0 ? null : [...f.parsers].sort(),
    }));
}
