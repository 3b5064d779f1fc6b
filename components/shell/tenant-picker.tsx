'use client';
// The tenant the dashboard shows, for users allowed several: kept in the tracehound_tenant cookie, which every
// read route checks against the user's allowed tenants on the server.
import { TENANT_COOKIE_NAME } from '@/lib/domain/auth/tenant-cookie';

export function TenantPicker({ tenants, current }: { tenants: readonly string[]; current: string }) {
  return (
    <select
      aria-label="Tenant"
      value={current}
      onChange={(e) => {
        document.cookie = `${TENANT_COOKIE_NAME}=${encodeURIComponent(e.target.value)}; path=/; SameSite=Lax`;
        window.location.reload();
      }}
    >
      {tenants.map((t) => (
        <option key={t}>{t}</option>
      ))}
    </select>
  );
}
