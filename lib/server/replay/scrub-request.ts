import 'server-only';
// Imported requests are scrubbed exactly as the agent scrubs captures (lib/agent/capture/scrub.ts): secret
// headers, and the caller's extra header names / query parameters / JSON paths, become REDACTED-<hash>.
// Values holding {{secret.NAME}} placeholders are kept: they name a target secret, not a secret.
import { redact, scrubBody, scrubHeaders, scrubRules, scrubUrl, type ScrubRules } from '@/lib/agent/capture/scrub';
import type { ReplayRequest } from '@/lib/domain/replay/replay-request';

export interface ScrubOptions {
  headers?: string[];
  queryParams?: string[];
  jsonPaths?: string[];
}

export function replayScrubRules(options: ScrubOptions = {}): ScrubRules {
  return scrubRules({ headers: options.headers ?? [], queryParams: options.queryParams ?? [], jsonPaths: options.jsonPaths ?? [] });
}

const PLACEHOLDER = /\{\{secret\.[A-Za-z0-9_]+\}\}/;

export function scrubRequestHeaders(headers: Record<string, string>, rules: ScrubRules): Record<string, string> {
  const kept = Object.fromEntries(
    Object.entries(headers)
      .filter(([, v]) => PLACEHOLDER.test(v))
      .map(([k, v]) => [k.toLowerCase(), v]),
  );
  const scrubbed = scrubHeaders(Object.fromEntries(Object.entries(headers).filter(([, v]) => !PLACEHOLDER.test(v))), rules);
  const flat = Object.fromEntries(Object.entries(scrubbed).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
  return { ...flat, ...kept };
}

export function scrubRequest(request: ReplayRequest, rules: ScrubRules): ReplayRequest {
  let body = request.body;
  if (body !== null) {
    const scrubbed = scrubBody(Buffer.from(body, 'base64'), request.headers['content-type'], false, rules);
    body = scrubbed.body ? scrubbed.body.toString('base64') : null;
  }
  return { ...request, url: scrubUrl(request.url, rules), headers: scrubRequestHeaders(request.headers, rules), body, bodyUnknown: request.bodyUnknown || (request.body !== null && body === null) };
}

/** Replaces every occurrence of the given clear values (target secrets) in a text by its REDACTED form. */
export function redactValues(text: string, values: readonly string[]): string {
  let out = text;
  for (const value of values) if (value.length >= 4) out = out.split(value).join(redact(value));
  return out;
}
