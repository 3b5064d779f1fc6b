// An attribute value as OpenTelemetry's pcommon `Value.AsString()` renders it — what Loki stores as the line
// of an OTLP log record whose body is not a string: scalars as text, maps and arrays as JSON that keeps the
// types (numbers stay numbers, nested maps stay nested objects). int64 is written with all its digits (a JSON
// number may hold them even where a JS number cannot); bytes are base64; non-finite doubles become null.
import type { AnyValue } from './any-value';

function json(value: AnyValue | undefined): string {
  if (!value) return 'null';
  if ('stringValue' in value) return JSON.stringify(value.stringValue);
  if ('boolValue' in value) return String(value.boolValue);
  if ('intValue' in value) return /^-?\d+$/.test(value.intValue) ? value.intValue : JSON.stringify(value.intValue);
  if ('doubleValue' in value) return Number.isFinite(value.doubleValue) ? JSON.stringify(value.doubleValue) : 'null';
  if ('bytesValue' in value) return JSON.stringify(value.bytesValue);
  if ('arrayValue' in value) return `[${value.arrayValue.values.map(json).join(',')}]`;
  if ('kvlistValue' in value) return `{${value.kvlistValue.values.map((kv) => `${JSON.stringify(kv.key)}:${json(kv.value)}`).join(',')}}`;
  return 'null';
}

export function anyValueAsString(value: AnyValue | undefined): string {
  if (!value) return '';
  if ('arrayValue' in value || 'kvlistValue' in value) return json(value);
  if ('stringValue' in value) return value.stringValue;
  if ('boolValue' in value) return String(value.boolValue);
  if ('intValue' in value) return value.intValue;
  if ('doubleValue' in value) return String(value.doubleValue);
  if ('bytesValue' in value) return value.bytesValue;
  return '';
}
