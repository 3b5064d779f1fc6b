// Scrubbing at capture: secrets are replaced before a capture leaves the agent's memory, by
// REDACTED-<first 16 hex of sha256(value)>, so equal secrets still compare equal in response diffs while
// the clear value is never stored. Always scrubbed: authorization, proxy-authorization, cookie, set-cookie,
// x-api-key; plus the configured header names, query parameters (also in form bodies) and JSON paths.
import { createHash } from 'node:crypto';

export const ALWAYS_SCRUBBED_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key'] as const;

export function redact(value: string): string {
  return `REDACTED-${createHash('sha256').update(value).digest('hex').slice(0, 16)}`;
}

export interface ScrubRules {
  headers: ReadonlySet<string>;
  queryParams: ReadonlySet<string>;
  jsonPaths: readonly (readonly string[])[];
}

export function scrubRules(config: { headers: string[]; queryParams: string[]; jsonPaths: string[] }): ScrubRules {
  return {
    headers: new Set([...ALWAYS_SCRUBBED_HEADERS, ...config.headers.map((h) => h.toLowerCase())]),
    queryParams: new Set(config.queryParams),
    jsonPaths: config.jsonPaths.map((p) => p.replace(/^\$\.?/, '').split('.')),
  };
}

export type HeaderMap = Record<string, string | string[]>;

export function scrubHeaders(headers: Record<string, string | string[] | undefined>, rules: ScrubRules): HeaderMap {
  const out: HeaderMap = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    if (!rules.headers.has(lower)) out[lower] = value;
    else out[lower] = Array.isArray(value) ? value.map(redact) : redact(value);
  }
  return out;
}

/** Replaces the values of listed query parameters in a path-and-query or absolute URL. */
export function scrubUrl(url: string, rules: ScrubRules): string {
  const q = url.indexOf('?');
  if (q < 0 || rules.queryParams.size === 0) return url;
  return `${url.slice(0, q)}?${scrubQuery(url.slice(q + 1), rules)}`;
}

function scrubQuery(query: string, rules: ScrubRules): string {
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const name = decodeURIComponentSafe(pair.slice(0, eq));
      return rules.queryParams.has(name) ? `${pair.slice(0, eq)}=${redact(decodeURIComponentSafe(pair.slice(eq + 1)))}` : pair;
    })
    .join('&');
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

export type BodyScrub = { body: Buffer; withheld: null } | { body: null; withheld: string };

/**
 * Scrubs a captured body by content type. A JSON body that must be scrubbed but cannot be parsed (cut off by
 * the size cap, or malformed) is withheld rather than stored with its secrets.
 */
export function scrubBody(body: Buffer, contentType: string | undefined, truncated: boolean, rules: ScrubRules): BodyScrub {
  const type = (contentType ?? '').toLowerCase();
  if (/[/+]json\b/.test(type) && rules.jsonPaths.length > 0 && body.length > 0) {
    if (truncated) return { body: null, withheld: 'JSON body cut off by the capture size cap cannot be scrubbed' };
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return { body: null, withheld: 'malformed JSON body cannot be scrubbed' };
    }
    for (const path of rules.jsonPaths) redactPath(parsed, path);
    return { body: Buffer.from(JSON.stringify(parsed)), withheld: null };
  }
  if (type.startsWith('application/x-www-form-urlencoded') && rules.queryParams.size > 0) {
    return { body: Buffer.from(scrubQuery(body.toString('utf8'), rules)), withheld: null };
  }
  return { body, withheld: null };
}

function redactPath(node: unknown, path: readonly string[]): void {
  if (node === null || typeof node !== 'object' || path.length === 0) return;
  const [key, ...rest] = path as [string, ...string[]];
  const record = node as Record<string, unknown>;
  const keys = key === '*' ? Object.keys(record) : key in record ? [key] : [];
  for (const k of keys) {
    if (rest.length > 0) redactPath(record[k], rest);
    else if (record[k] !== null && record[k] !== undefined) {
      const value = record[k];
      record[k] = redact(typeof value === 'string' ? value : JSON.stringify(value));
    }
  }
}
