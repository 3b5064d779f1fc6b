// Attribute values in the OTLP JSON mapping's shape, kept as received so a stored span can be exported
// again without loss: int64 stays a decimal string (JS numbers cannot hold it), bytes stay base64.
export type AnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number }
  | { bytesValue: string }
  | { arrayValue: { values: AnyValue[] } }
  | { kvlistValue: { values: KeyValue[] } }
  | Record<string, never>;

export interface KeyValue {
  key: string;
  value: AnyValue;
}

/** Attributes by key. A repeated key keeps its last value (as the OTel SDKs do). */
export type Attributes = Record<string, AnyValue>;

/** Flattens a value for display, search and comparison: strings stay strings, others become JSON text. */
export function anyValueToText(value: AnyValue | undefined): string {
  if (!value) return '';
  if ('stringValue' in value) return value.stringValue;
  if ('boolValue' in value) return String(value.boolValue);
  if ('intValue' in value) return value.intValue;
  if ('doubleValue' in value) return String(value.doubleValue);
  if ('bytesValue' in value) return value.bytesValue;
  if ('arrayValue' in value) return JSON.stringify(value.arrayValue.values.map(anyValueToText));
  if ('kvlistValue' in value) {
    return JSON.stringify(Object.fromEntries(value.kvlistValue.values.map((kv) => [kv.key, anyValueToText(kv.value)])));
  }
  return '';
}

export function attributesFromKeyValues(list: readonly KeyValue[]): Attributes {
  const out: Attributes = {};
  for (const kv of list) setOwn(out, kv.key, kv.value);
  return out;
}

export function keyValuesFromAttributes(attributes: Attributes): KeyValue[] {
  return Object.entries(attributes).map(([key, value]) => ({ key, value }));
}

export function stringAttribute(attributes: Attributes, key: string): string | undefined {
  const value = attributes[key];
  return value && 'stringValue' in value ? value.stringValue : undefined;
}

/**
 * `target[key] = value` for keys that come from the wire: a plain assignment to "__proto__" would replace the
 * object's prototype instead of adding a property (and every `for…in` would then see the value's keys).
 */
export function setOwn<V>(target: Record<string, V>, key: string, value: V): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
