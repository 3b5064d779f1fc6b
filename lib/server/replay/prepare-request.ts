import 'server-only';
// What is actually sent for a stored request: the original trace context removed and a FRESH traceparent
// set (reusing the original would merge the replay into the original trace), baggage naming the run and the
// original trace, the run's header edits, and {{secret.NAME}} placeholders filled from the target's secrets.
// The stored request keeps the placeholders; the filled one lives only for the send.
import { randomBytes } from 'node:crypto';
import type { ReplayRequest } from '@/lib/domain/replay/replay-request';
import { AppError } from '../http/app-error';
import type { OutgoingRequest } from './safe-send';

const TRACE_HEADERS = ['traceparent', 'tracestate', 'baggage', 'b3', 'x-b3-traceid', 'x-b3-spanid', 'x-b3-parentspanid', 'x-b3-sampled', 'uber-trace-id'];
const PLACEHOLDER = /\{\{secret\.([A-Za-z0-9_]+)\}\}/g;

export function fillSecrets(text: string, secrets: Record<string, string>, target: string): string {
  return text.replace(PLACEHOLDER, (_m, name: string) => {
    const value = secrets[name];
    if (value === undefined) throw new AppError('bad_request', `{{secret.${name}}}: target "${target}" has no secret named ${name}`);
    return value;
  });
}

export interface HeaderEdits {
  setHeaders: Record<string, string>;
  removeHeaders: string[];
}

/** The stored form of a request after the run's header edits (placeholders kept). */
export function editHeaders(request: ReplayRequest, edits: HeaderEdits): ReplayRequest {
  const remove = new Set([...TRACE_HEADERS, ...edits.removeHeaders.map((h) => h.toLowerCase())]);
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([n]) => !remove.has(n.toLowerCase())));
  for (const [name, value] of Object.entries(edits.setHeaders)) headers[name.toLowerCase()] = value;
  return { ...request, headers };
}

export function newTraceContext(): { traceId: string; traceparent: string } {
  const traceId = randomBytes(16).toString('hex');
  return { traceId, traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` };
}

export function outgoing(request: ReplayRequest, secrets: Record<string, string>, target: string, trace: { traceparent: string; baggage: string }): OutgoingRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name] = fillSecrets(value, secrets, target);
  headers.traceparent = trace.traceparent;
  headers.baggage = trace.baggage;
  let body: Buffer | null = request.body === null ? null : Buffer.from(request.body, 'base64');
  if (body && body.includes('{{secret.')) body = Buffer.from(fillSecrets(body.toString('utf8'), secrets, target), 'utf8');
  return { method: request.method, path: fillSecrets(request.url, secrets, target), headers, body };
}
