import 'server-only';
// The tenant a capture request reads or writes: X-Scope-OrgID (default "default"), which must be one of the
// principal's tenants when it is limited to some (a tenant-bound token cannot write captures elsewhere).
import type { Principal } from '../auth/principal';
import { AppError } from '../http/app-error';
import { readTenant } from '../logs/read-tenant';

export function captureTenant(request: Request, principal: Pick<Principal, 'tenants'>): string {
  const tenant = readTenant(request);
  if (principal.tenants !== null && !principal.tenants.includes(tenant)) {
    throw new AppError('forbidden', `This credential may not use tenant "${tenant}".`);
  }
  return tenant;
}
