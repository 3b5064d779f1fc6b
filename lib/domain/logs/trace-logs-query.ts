// The `/logs` query that shows one trace's lines: LogQL needs a stream selector, so it is built from the stream
// labels the trace's lines actually carry (the label every line has, with all its values), falling back to the
// trace's services as `service_name`; the trace id filter then keeps only this trace.
import type { LogLine } from '../model/log-line';

/** LogQL string literal: backslash and double quote escaped. */
function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function regexAlternatives(values: readonly string[]): string {
  return values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}

const PREFERRED_LABELS = ['service_name', 'app', 'service', 'job', 'container'];

export function traceLogsQuery(traceId: string, lines: readonly LogLine[], services: readonly string[]): string {
  let key: string | null = null;
  if (lines.length > 0) {
    const common = Object.keys(lines[0]!.labels).filter((k) => lines.every((l) => (l.labels[k] ?? '') !== ''));
    key = PREFERRED_LABELS.find((k) => common.includes(k)) ?? common.sort()[0] ?? null;
  }
  const values = key ? [...new Set(lines.map((l) => l.labels[key!]!))].sort() : [...services].sort();
  const label = key ?? 'service_name';
  const selector = values.length === 1 ? `{${label}=${quote(values[0]!)}}` : `{${label}=~${quote(regexAlternatives(values.length > 0 ? values : ['.+']))}}`;
  return `${selector} | trace_id=${quote(traceId)}`;
}
