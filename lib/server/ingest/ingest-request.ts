import 'server-only';
// What every ingest endpoint checks before decoding: the tenant named by X-Scope-OrgID and the body's media
// type (credentials: lib/server/auth/ingest-access.ts).
import { DEFAULT_TENANT } from '@/lib/domain/model/span';
import { AppError } from '../http/app-error';
import { assertTenantName } from '../auth/tenant-name';

export type BodyFormat = 'protobuf' | 'json';

export function tenantOf(request: Request): string {
  return tenantOfHeaders(request.headers);
}

export function tenantOfHeaders(headers: Headers): string {
  const header = headers.get('x-scope-orgid');
  if (header === null || header.trim() === '') return DEFAULT_TENANT;
  const tenant = header.trim();
  assertTenantName(tenant, 'X-Scope-OrgID');
  return tenant;
}

export function bodyFormatOf(request: Request, allowed: readonly BodyFormat[] = ['protobuf', 'json']): BodyFormat {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const format: BodyFormat | null = type === 'application/x-protobuf' || type === 'application/protobuf' ? 'protobuf' : type === 'application/json' ? 'json' : null;
  if (format === null || !allowed.includes(format)) {
    const expected = allowed.map((f) => (f === 'json' ? 'application/json' : 'application/x-protobuf')).join(' or ');
    throw new AppError('unsupported_media_type', `Unsupported Content-Type "${type || '(none)'}"; expected ${expected}.`);
  }
  return format;
}
