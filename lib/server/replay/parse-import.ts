import 'server-only';
// Turns an uploaded recording into replay requests: HAR 1.2 (validated with har-validator against the HAR
// JSON schema, as browsers and mitmproxy export it) or the JSON-lines format of the seed's replay
// middleware (one {method, url, headers, body, timestamp} object per line). Errors name the entry and field.
import type { Har } from 'har-format';
import { har as validateHar, type HarValidationError } from 'har-validator';
import { z } from 'zod';
import { pathOf, type ReplayRequest } from '@/lib/domain/replay/replay-request';
import { AppError } from '../http/app-error';

export const MAX_IMPORTED_REQUESTS = 1000;

export interface ImportedRequest {
  request: ReplayRequest;
  /** When the request was recorded, if the file says. */
  recordedAt: string | null;
  /** The recorded response status (HAR only). */
  status: number | null;
}

export async function parseHar(data: unknown): Promise<ImportedRequest[]> {
  try {
    await validateHar(data);
  } catch (error) {
    const first = ((error as { errors?: HarValidationError[] }).errors ?? [])[0];
    throw new AppError('bad_request', `not a valid HAR 1.2 file: ${first ? `${first.dataPath || 'log'} ${first.message ?? ''}`.trim() : (error as Error).message}`);
  }
  const entries = (data as Har).log.entries;
  if (entries.length > MAX_IMPORTED_REQUESTS) throw new AppError('bad_request', `an import holds at most ${MAX_IMPORTED_REQUESTS} requests (this HAR has ${entries.length})`);
  return entries.map((entry) => {
    const headers: Record<string, string> = {};
    for (const h of entry.request.headers) {
      const name = h.name.toLowerCase();
      // HTTP/2 pseudo-headers (:authority, :path) are not request headers.
      if (name.startsWith(':')) continue;
      headers[name] = headers[name] ? `${headers[name]}, ${h.value}` : h.value;
    }
    const text = entry.request.postData?.text;
    return {
      request: { method: entry.request.method.toUpperCase(), url: pathOf(entry.request.url), headers, body: text ? Buffer.from(text, 'utf8').toString('base64') : null, bodyUnknown: false },
      recordedAt: entry.startedDateTime ?? null,
      status: entry.response?.status ? entry.response.status : null,
    };
  });
}

const lineSchema = z.object({
  method: z.string().regex(/^[A-Za-z]{1,16}$/, 'must be an HTTP method name'),
  url: z.string().min(1).max(8192),
  headers: z.record(z.string(), z.union([z.string(), z.array(z.string())])).default({}),
  body: z.string().nullable().optional(),
  timestamp: z.union([z.string(), z.number()]).optional(),
});

export function parseJsonLines(text: string): ImportedRequest[] {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 0) throw new AppError('bad_request', 'the JSON-lines file has no requests');
  if (lines.length > MAX_IMPORTED_REQUESTS) throw new AppError('bad_request', `an import holds at most ${MAX_IMPORTED_REQUESTS} requests (this file has ${lines.length})`);
  return lines.map((line, i) => {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new AppError('bad_request', `line ${i + 1}: not JSON`);
    }
    const parsed = lineSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new AppError('bad_request', `line ${i + 1}: ${issue.path.join('.') || 'value'}: ${issue.message}`);
    }
    const r = parsed.data;
    const headers = Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : v]));
    const ts = r.timestamp === undefined ? null : new Date(r.timestamp);
    return {
      request: { method: r.method.toUpperCase(), url: pathOf(r.url), headers, body: r.body ? Buffer.from(r.body, 'utf8').toString('base64') : null, bodyUnknown: false },
      recordedAt: ts && !Number.isNaN(ts.getTime()) ? ts.toISOString() : null,
      status: null,
    };
  });
}
