import 'server-only';
// The one way a replay leaves this server. SSRF is the main risk of replay, so every exchange:
// - goes only to the target's own origin (the request contributes a path and query, never a host);
// - resolves the host once, checks EVERY resolved address against the target's address policy, and connects
//   to the checked address (a pinned lookup), so DNS cannot answer differently between check and connect;
// - follows redirects only within the target's origin (re-checked), refuses one to any other host;
// - has a whole-exchange timeout and keeps at most maxResponseBytes of the body.
// A refusal throws ReplayRefusedError (403, nothing sent); other failures are ordinary errors of that request.
import { lookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, request } from 'undici';
import { AppError } from '../http/app-error';
import { addressPolicy } from './address-policy';

export class ReplayRefusedError extends AppError {
  constructor(message: string) {
    super('forbidden', message);
  }
}

export interface SendTarget {
  baseUrl: string;
  allowedAddresses: readonly string[];
}

export interface OutgoingRequest {
  method: string;
  /** Path and query, joined to the target's base URL path. */
  path: string;
  headers: Record<string, string>;
  body: Buffer | null;
}

export interface SendLimits {
  timeoutMs: number;
  maxResponseBytes: number;
  maxRedirects?: number;
}

export interface SentResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** Bytes received; larger than body.length when the body was cut off. */
  bodySize: number;
  bodyTruncated: boolean;
  durationMs: number;
  /** The address connected to. */
  address: string;
}

// Set by the sender itself or meaningless on a new connection.
const DROPPED_HEADERS = new Set(['host', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer', 'expect']);

/** The URL a request path reaches on a target: the base URL's path prefix plus the request's path. */
export function targetUrl(baseUrl: string, path: string): URL {
  const base = new URL(baseUrl);
  if (!path.startsWith('/') || path.startsWith('//')) throw new AppError('bad_request', `request path must start with a single "/", got "${path.slice(0, 80)}"`);
  const url = new URL(`${base.pathname.replace(/\/$/, '')}${path}`, base.origin);
  if (url.origin !== base.origin) throw new ReplayRefusedError(`request path leaves the target's origin (${base.origin})`);
  return url;
}

/** Resolves the host and checks every address; returns the one to connect to (IPv4 first). */
export async function checkedAddress(url: URL, allowedAddresses: readonly string[]): Promise<{ address: string; family: 4 | 6 }> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ReplayRefusedError(`scheme ${url.protocol} is not allowed (http and https only)`);
  if (url.username || url.password) throw new ReplayRefusedError('URLs with credentials are not allowed');
  const policy = addressPolicy(allowedAddresses);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: { address: string; family: number }[];
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch (cause) {
      throw new AppError('bad_request', `target host ${host} does not resolve (${(cause as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  const refused = addresses.filter((a) => !policy.allows(a.address));
  if (addresses.length === 0 || refused.length > 0) {
    throw new ReplayRefusedError(`target host ${host} resolves to ${refused.map((a) => a.address).join(', ') || 'nothing'}, not allowed for this target (allowed: ${policy.describe()})`);
  }
  const chosen = addresses.find((a) => a.family === 4) ?? addresses[0]!;
  return { address: chosen.address, family: chosen.family === 6 ? 6 : 4 };
}

function pinnedLookup(address: string, family: 4 | 6): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  }) as LookupFunction;
}

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

async function exchangeOnce(url: URL, req: OutgoingRequest, pinned: { address: string; family: 4 | 6 }, limits: SendLimits) {
  const dispatcher = new Agent({
    connect: { lookup: pinnedLookup(pinned.address, pinned.family), timeout: limits.timeoutMs },
    headersTimeout: limits.timeoutMs,
    bodyTimeout: limits.timeoutMs,
    pipelining: 0,
  });
  try {
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([n]) => !DROPPED_HEADERS.has(n.toLowerCase())));
    const res = await request(url, { method: req.method as 'GET', headers, body: req.body ?? undefined, dispatcher, signal: AbortSignal.timeout(limits.timeoutMs) });
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      const room = limits.maxResponseBytes - size;
      size += chunk.length;
      if (room > 0) chunks.push(chunk.subarray(0, room));
      if (size > limits.maxResponseBytes) {
        truncated = true;
        res.body.destroy();
        break;
      }
    }
    return { status: res.statusCode, headers: flatHeaders(res.headers), body: Buffer.concat(chunks), bodySize: size, bodyTruncated: truncated };
  } finally {
    await dispatcher.destroy().catch(() => undefined);
  }
}

export async function safeSend(target: SendTarget, req: OutgoingRequest, limits: SendLimits): Promise<SentResponse> {
  const origin = new URL(target.baseUrl).origin;
  let url = targetUrl(target.baseUrl, req.path);
  let current = req;
  const started = performance.now();
  for (let hop = 0; ; hop++) {
    const pinned = await checkedAddress(url, target.allowedAddresses);
    let res;
    try {
      res = await exchangeOnce(url, current, pinned, limits);
    } catch (cause) {
      const name = (cause as Error).name;
      const message =
        name === 'TimeoutError' || name === 'AbortError' || /timeout/i.test(String((cause as { code?: string }).code)) ? `no answer within ${limits.timeoutMs} ms` : (cause as Error).message;
      throw new Error(`${current.method} ${url.pathname}: ${message}`, { cause });
    }
    const location = res.headers.location;
    if (res.status >= 300 && res.status < 400 && location) {
      const next = new URL(location, url);
      if (next.origin !== origin) throw new ReplayRefusedError(`redirect to another host refused: ${next.origin} (the target is ${origin})`);
      if (hop >= (limits.maxRedirects ?? 3)) throw new Error(`more than ${limits.maxRedirects ?? 3} redirects`);
      url = next;
      if (res.status === 303) current = { ...current, method: 'GET', body: null };
      continue;
    }
    return { ...res, durationMs: performance.now() - started, address: pinned.address };
  }
}
