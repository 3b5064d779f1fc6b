// Makes decoded telemetry storable in PostgreSQL whatever a client sent, so one odd value can never fail the
// statement that also carries other requests' rows (issue #19). Applied at the mapping step (OTLP, Zipkin and
// Loki → rows):
// * text: NUL and lone UTF-16 surrogates become U+FFFD (PostgreSQL text and jsonb reject both);
// * names that are btree index keys (service name, span name) are cut to MAX_INDEXED_NAME_BYTES of UTF-8, so
//   an index row can never pass PostgreSQL's ~2.7 KB limit;
// * attribute values (strings and bytes, also inside arrays and kvlists) are cut to the configured
//   ATTRIBUTE_VALUE_LENGTH_LIMIT characters, like the OpenTelemetry SDKs' AttributeValueLengthLimit;
// * every cut is noted on the span in the string-array attribute `tracehound.truncated` ("name (3000 chars)",
//   "span.db.statement (1048576 chars)"), so a reader knows the value is a prefix.
// Integer columns are range-checked by the mappers themselves (clampInt4 / uint31 below).
import { setOwn, type AnyValue, type Attributes, type KeyValue } from './any-value';

/** UTF-8 bytes kept of a span or service name (two of them plus tenant and a timestamp fit a btree row). */
export const MAX_INDEXED_NAME_BYTES = 1024;
/** Attribute holding the list of values cut at ingest. */
export const TRUNCATED_ATTRIBUTE = 'tracehound.truncated';
/** Default ATTRIBUTE_VALUE_LENGTH_LIMIT (characters). */
export const DEFAULT_ATTRIBUTE_VALUE_LENGTH_LIMIT = 65_536;
export const MAX_INT4 = 2_147_483_647;

export interface StorageLimits {
  /** Characters kept of a string or bytes (base64) attribute value; 0 = unlimited. */
  attributeValueLengthLimit: number;
}

export const DEFAULT_STORAGE_LIMITS: StorageLimits = { attributeValueLengthLimit: DEFAULT_ATTRIBUTE_VALUE_LENGTH_LIMIT };

const REPLACEMENT = '\uFFFD';
type WellFormed = { isWellFormed?: () => boolean; toWellFormed?: () => string };
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** True when PostgreSQL can store the string as text/jsonb unchanged. */
export function isStorableText(s: string): boolean {
  if (s.includes('\0')) return false;
  const w = s as unknown as WellFormed;
  if (w.isWellFormed) return w.isWellFormed();
  LONE_SURROGATE.lastIndex = 0;
  return !LONE_SURROGATE.test(s);
}

/** The string with NUL and lone surrogates replaced by U+FFFD (the same string when already storable). */
export function storableText(s: string): string {
  if (isStorableText(s)) return s;
  const w = s.replaceAll('\0', REPLACEMENT) as unknown as WellFormed & string;
  return w.toWellFormed ? w.toWellFormed() : w.replace(LONE_SURROGATE, REPLACEMENT);
}

/** Every key and value storable (a new object only when something changed). */
export function storableStringMap(map: Record<string, string>): Record<string, string> {
  for (const k in map) {
    if (!isStorableText(k) || !isStorableText(map[k] as string)) {
      const out: Record<string, string> = {};
      for (const [a, b] of Object.entries(map)) setOwn(out, storableText(a), storableText(b));
      return out;
    }
  }
  return map;
}

/** A non-negative integer as an int4 column value: saturates at 2^31 - 1 (counts), non-finite → 0. */
export function clampInt4(n: number): number {
  if (!Number.isFinite(n) || n <= 0) return 0;
  return n > MAX_INT4 ? MAX_INT4 : Math.floor(n);
}

/** A uint32 bit field (W3C trace flags) in an int4 column: the low 31 bits (bits above 9 are reserved). */
export function uint31(n: number): number {
  if (!Number.isFinite(n) || n <= 0) return 0;
  return Number(BigInt(Math.floor(n)) & 0x7fffffffn);
}

function cutAtChars(s: string, limit: number): string {
  let end = limit;
  const code = s.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--; // do not split a surrogate pair
  return s.slice(0, end);
}

/** Cuts `s` to at most `maxBytes` of UTF-8, ending with "…" when cut. */
export function cutToUtf8Bytes(s: string, maxBytes: number): string {
  // Cheap bound first: no string of at most maxBytes/3 UTF-16 units can exceed maxBytes of UTF-8.
  if (s.length * 3 <= maxBytes) return s;
  const encoder = new TextEncoder();
  if (encoder.encode(s).length <= maxBytes) return s;
  const budget = maxBytes - 3; // "…" is 3 bytes
  let bytes = 0;
  let i = 0;
  while (i < s.length) {
    const code = s.codePointAt(i) as number;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (bytes + size > budget) break;
    bytes += size;
    i += code >= 0x10000 ? 2 : 1;
  }
  return `${s.slice(0, i)}…`;
}

/**
 * Cleans one span's (or log record's) values and collects the notes of what was cut. Resource and scope
 * attributes are shared by many spans: `attributesOnce` caches their cleaned form per object.
 */
export class Storable {
  private readonly cache = new WeakMap<object, { value: Attributes; notes: string[] }>();

  constructor(readonly limits: StorageLimits = DEFAULT_STORAGE_LIMITS) {}

  text = storableText;

  /** An index-key name: storable and at most MAX_INDEXED_NAME_BYTES; notes the cut under `label`. */
  name(s: string, label: string, notes: string[]): string {
    const clean = storableText(s);
    const cut = cutToUtf8Bytes(clean, MAX_INDEXED_NAME_BYTES);
    if (cut !== clean) notes.push(`${label} (${clean.length} chars)`);
    return cut;
  }

  /** Attributes with storable keys and values, long values cut; `prefix` names them in notes ("span."). */
  attributes(attributes: Attributes, prefix: string, notes: string[]): Attributes {
    let out: Attributes | null = null;
    for (const key in attributes) {
      const value = attributes[key] as AnyValue;
      const cleanKey = storableText(key);
      const cleanValue = this.value(value, `${prefix}${cleanKey}`, notes, 0);
      if (out === null && (cleanKey !== key || cleanValue !== value)) {
        out = {};
        for (const k in attributes) {
          if (k === key) break;
          setOwn(out, k, attributes[k] as AnyValue);
        }
      }
      if (out !== null) setOwn(out, cleanKey, cleanValue);
    }
    return out ?? attributes;
  }

  /** Like attributes(), computed once per (shared) object; its notes are appended to `notes` each time. */
  attributesOnce(attributes: Attributes, prefix: string, notes: string[]): Attributes {
    let entry = this.cache.get(attributes);
    if (!entry) {
      const own: string[] = [];
      entry = { value: this.attributes(attributes, prefix, own), notes: own };
      this.cache.set(attributes, entry);
    }
    for (const n of entry.notes) notes.push(n);
    return entry.value;
  }

  private limitString(s: string, label: string, notes: string[]): string {
    const clean = storableText(s);
    const limit = this.limits.attributeValueLengthLimit;
    if (limit > 0 && clean.length > limit) {
      notes.push(`${label} (${clean.length} chars)`);
      return cutAtChars(clean, limit);
    }
    return clean;
  }

  private value(v: AnyValue, label: string, notes: string[], depth: number): AnyValue {
    if ('stringValue' in v) {
      const s = this.limitString(v.stringValue, label, notes);
      return s === v.stringValue ? v : { stringValue: s };
    }
    if ('bytesValue' in v) {
      const s = this.limitString(v.bytesValue, label, notes);
      return s === v.bytesValue ? v : { bytesValue: s };
    }
    if ('arrayValue' in v) {
      let changed = false;
      const values = v.arrayValue.values.map((x) => {
        const y = this.value(x, label, notes, depth + 1);
        if (y !== x) changed = true;
        return y;
      });
      return changed ? { arrayValue: { values } } : v;
    }
    if ('kvlistValue' in v) {
      let changed = false;
      const values = v.kvlistValue.values.map((kv): KeyValue => {
        const key = storableText(kv.key);
        const value = this.value(kv.value, `${label}.${key}`, notes, depth + 1);
        if (key === kv.key && value === kv.value) return kv;
        changed = true;
        return { key, value };
      });
      return changed ? { kvlistValue: { values } } : v;
    }
    if ('intValue' in v && typeof v.intValue !== 'string') return { intValue: String(v.intValue) };
    return v;
  }
}

/** Adds the `tracehound.truncated` note to attributes (a copy) when anything was cut. */
export function withTruncationNote(attributes: Attributes, notes: readonly string[]): Attributes {
  if (notes.length === 0) return attributes;
  return { ...attributes, [TRUNCATED_ATTRIBUTE]: { arrayValue: { values: notes.map((n) => ({ stringValue: n })) } } };
}
