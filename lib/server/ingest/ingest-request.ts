import 'server-only';
// What every ingest endpoint checks before decoding: bearer token (when INGEST_TOKENS is set), tenant from
// X-Scope-OrgID, and the body's media type.
import { timingSafeEqual } from 'node:crypto';
import { DEFAULT_TENANT } from '@/lib/domain/model/span';
import { AppError } from '../http/app-error';

export type BodyFormat = 'protobuf' | 'json';

export function checkIngestToken(request: Request, tokens: readonly string[]): void {
  if (tokens.length === 0) return;
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  const given = Buffer.from(match?.[1] ?? '');
  const ok = tokens.some((t) => {
    const expected = Buffer.from(t);
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!ok) throw new AppError('unauthorized', 'Missing or invalid ingest token (Authorization: Bearer <token>).');
}

const TENANT = /^[A-Za-z0-9_.\-]{1,128}$/;

export function tenantOf(request: Request): string {
  const header = request.headers.get('x-scope-orgid');
  if (header === null || header.trim() === '') return DEFAULT_TENANT;
  const tenant = header.trim();
  if (!TENANT.test(tenant)) {
    throw new AppError('bad_request', 'X-Scope-OrgID must be 1–128 characters of letters, digits, "_", "." or "-".');
  }
  return tenant;
}

export function bodyFormatOf(request: Request, allowed: readonly BodyFormat[] = ['protobuf', 'json']): BodyFormat {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const format: BodyFormat | null =
    type === 'application/x-protobuf' || type === 'application/protobuf' ? 'protobuf' : type === 'application/json' ? 'json' : null;
  if (format === null || !allowed.includes(format)) {
    const expected = allowed.map((f) => (f === 'json' ? 'application/json' : 'application/x-protobuf')).join(' or ');
    throw new AppError('unsupported_media_type', `Unsupported Content-Type "${type || '(none)'}"; expected ${expected}.`);
  }
  return format;
}
