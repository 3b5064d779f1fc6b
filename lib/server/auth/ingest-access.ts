import 'server-only';
// Who may send data, and to which tenant. Accepted credentials: a token of INGEST_TOKENS, or a managed API
// token (any scope; `ingest` tokens can do nothing else), as Bearer or — for Loki clients — as the Basic
// password. A managed token bound to a tenant writes only there: X-Scope-OrgID naming another tenant is a 403.
// Without INGEST_TOKENS or INGEST_REQUIRE_TOKEN, ingest stays open (as before accounts existed), but a
// presented tenant-bound token still binds the tenant.
import { timingSafeEqual } from 'node:crypto';
import { getConfig } from '../config/load-config';
import { getDatabase } from '../db/get-database';
import { AppError } from '../http/app-error';
import { tenantOfHeaders } from '../ingest/ingest-request';
import { verifyApiToken } from './api-tokens';

const LOKI_CHALLENGE = 'Basic realm="tracehound", Bearer realm="tracehound"';

function basicPassword(header: string | null): string | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header?.trim() ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 ? decoded.slice(colon + 1) : null;
}

function matchesAny(secret: string, tokens: readonly string[]): boolean {
  const given = Buffer.from(secret);
  return tokens.some((t) => {
    const expected = Buffer.from(t);
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

export interface IngestAccessOptions {
  /** Loki clients send the token as the Basic auth password. */
  acceptBasic?: boolean;
}

function bearerOf(headers: Headers): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.get('authorization') ?? '');
  return match?.[1] ?? null;
}

/** Checks the request's ingest credential and returns the tenant its data goes to. */
export function authorizeIngest(request: Request, options: IngestAccessOptions = {}): Promise<string> {
  return authorizeIngestHeaders(request.headers, options);
}

/** The same check on bare headers: the OTLP/gRPC receiver passes its call metadata here. */
export async function authorizeIngestHeaders(headers: Headers, options: IngestAccessOptions = {}): Promise<string> {
  const config = getConfig();
  const required = config.INGEST_TOKENS.length > 0 || config.INGEST_REQUIRE_TOKEN;
  const secret = bearerOf(headers) ?? (options.acceptBasic ? basicPassword(headers.get('authorization')) : null);
  const how = options.acceptBasic ? 'Basic password or Authorization: Bearer <token>' : 'Authorization: Bearer <token>';
  // RFC 9110: a 401 names the schemes the client may use (Loki clients send Basic).
  const challenge = options.acceptBasic ? { headers: { 'WWW-Authenticate': LOKI_CHALLENGE } } : {};
  const requested = tenantOfHeaders(headers);
  if (secret === null) {
    if (required) throw new AppError('unauthorized', `Missing ingest token (${how}).`, challenge);
    return requested;
  }
  if (matchesAny(secret, config.INGEST_TOKENS)) return requested;
  // The ingest pool: a token check must not wait behind slow searches on the interactive pool.
  const token = await verifyApiToken((await getDatabase()).ingestPool, secret);
  if (!token) {
    if (required) throw new AppError('unauthorized', `Invalid or revoked ingest token (${how}).`, challenge);
    return requested;
  }
  if (token.tenant === null) return requested;
  if (headers.get('x-scope-orgid')?.trim() && requested !== token.tenant) {
    throw new AppError('forbidden', `This token may only send data to tenant "${token.tenant}".`);
  }
  return token.tenant;
}
