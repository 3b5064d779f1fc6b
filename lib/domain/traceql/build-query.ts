// The search form's fields → TraceQL text (the query box shows it, so users learn the language). Values are
// quoted and escaped; attribute keys that are not plain identifiers are rejected rather than spliced.
import { DURATION_UNITS } from './parse-duration';

export interface QueryForm {
  service: string;
  operation: string;
  /** One `key=value` per line; numbers and true/false stay unquoted. */
  attributes: string;
  /** One attribute picked from the stored names (`span.x` / `resource.x`) and one of its stored values. */
  attributeKey: string;
  attributeValue: string;
  /** The picked value's type (Tempo's: string, int, float, bool): strings are quoted, the rest written as is. */
  attributeType: string;
  minDuration: string;
  maxDuration: string;
  status: '' | 'error' | 'ok' | 'unset';
}

export const EMPTY_FORM: QueryForm = { service: '', operation: '', attributes: '', attributeKey: '', attributeValue: '', attributeType: 'string', minDuration: '', maxDuration: '', status: '' };

export type BuildResult = { ok: true; query: string } | { ok: false; field: keyof QueryForm; message: string };

const KEY = /^[A-Za-z_][A-Za-z0-9_.\-/:]*$/;
const DURATION = new RegExp(`^\\d+(\\.\\d+)?(${DURATION_UNITS.join('|')})$`);

export function quoteString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`;
}

function literal(value: string): string {
  return /^-?\d+(\.\d+)?$/.test(value) || value === 'true' || value === 'false' ? value : quoteString(value);
}

function scopedPath(key: string): string {
  return key.startsWith('span.') || key.startsWith('resource.') ? key : `.${key}`;
}

export function buildQuery(form: QueryForm): BuildResult {
  const parts: string[] = [];
  if (form.service.trim()) parts.push(`resource.service.name = ${quoteString(form.service.trim())}`);
  if (form.operation.trim()) parts.push(`name = ${quoteString(form.operation.trim())}`);
  if (form.attributeKey) {
    if (!KEY.test(form.attributeKey)) return { ok: false, field: 'attributeKey', message: `"${form.attributeKey}" is not an attribute name` };
    if (form.attributeValue !== '') {
      const typed = form.attributeType === 'string' ? quoteString(form.attributeValue) : literal(form.attributeValue);
      if (typed !== form.attributeValue && form.attributeType !== 'string') return { ok: false, field: 'attributeValue', message: `"${form.attributeValue}" is not a ${form.attributeType}` };
      parts.push(`${scopedPath(form.attributeKey)} = ${typed}`);
    }
  }
  for (const line of form.attributes
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const eq = line.indexOf('=');
    if (eq <= 0) return { ok: false, field: 'attributes', message: `"${line}" is not key=value` };
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (!KEY.test(key)) return { ok: false, field: 'attributes', message: `"${key}" is not an attribute name` };
    parts.push(`${scopedPath(key)} = ${literal(value)}`);
  }
  for (const [field, op] of [
    ['minDuration', '>='],
    ['maxDuration', '<='],
  ] as const) {
    const value = form[field].trim();
    if (!value) continue;
    if (!DURATION.test(value)) return { ok: false, field, message: 'use a duration such as 100ms or 1.5s' };
    parts.push(`duration ${op} ${value}`);
  }
  if (form.status) parts.push(`status = ${form.status}`);
  return { ok: true, query: parts.length === 0 ? '{ }' : `{ ${parts.join(' && ')} }` };
}
