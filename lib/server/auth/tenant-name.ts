import 'server-only';
import { AppError } from '../http/app-error';

const TENANT = /^[A-Za-z0-9_.\-]{1,128}$/;

export function isTenantName(value: string): boolean {
  return TENANT.test(value);
}

export function assertTenantName(value: string, what = 'Tenant'): void {
  if (!isTenantName(value)) throw new AppError('bad_request', `${what} must be 1–128 characters of letters, digits, "_", "." or "-".`);
}
