// Builds a replay request from a span's HTTP semantic-convention attributes, for spans without a capture.
// Current names first (http.request.method, url.full/url.path+url.query, http.request.header.*), then the
// older ones (http.method, http.url, http.target). The body was never recorded: bodyUnknown is set.
import { anyValueToText, type AnyValue, type Attributes } from '@/lib/domain/model/any-value';
import type { RecordedResponse, ReplayRequest } from './replay-request';

function text(attributes: Attributes, ...keys: string[]): string | null {
  for (const key of keys) {
    const v = attributes[key] ? anyValueToText(attributes[key]) : '';
    if (v !== '') return v;
  }
  return null;
}

export function requestFromSpan(attributes: Attributes): ReplayRequest | null {
  const method = text(attributes, 'http.request.method', 'http.method');
  if (!method || method === '_OTHER') return null;
  let path: string | null = null;
  const full = text(attributes, 'url.full', 'http.url');
  if (full) {
    try {
      const u = new URL(full);
      path = `${u.pathname}${u.search}`;
    } catch {
      path = null;
    }
  }
  if (!path) {
    const p = text(attributes, 'url.path', 'http.target', 'http.route');
    if (!p) return null;
    const query = text(attributes, 'url.query');
    path = query && !p.includes('?') ? `${p}?${query}` : p;
  }
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (!key.startsWith('http.request.header.')) continue;
    const name = key.slice('http.request.header.'.length).toLowerCase();
    // Semantic conventions record header values as string arrays.
    headers[name] = 'arrayValue' in value ? value.arrayValue.values.map((v: AnyValue) => anyValueToText(v)).join(', ') : anyValueToText(value);
  }
  return { method: method.toUpperCase(), url: path.startsWith('/') ? path : `/${path}`, headers, body: null, bodyUnknown: true };
}

export function responseFromSpan(attributes: Attributes): RecordedResponse | null {
  const status = attributes['http.response.status_code'] ?? attributes['http.status_code'];
  const n = status ? Number(anyValueToText(status)) : NaN;
  return Number.isInteger(n) ? { status: n, headers: {}, body: null, bodyTruncated: false } : null;
}
