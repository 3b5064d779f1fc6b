'use client';
import Link from 'next/link';
import { useState } from 'react';
import type { Role } from '@/lib/domain/auth/roles';
import { signOut, signOutEverywhere } from '@/lib/client/accounts-api';
import { TenantPicker } from './tenant-picker';

export interface NavUser {
  name: string;
  role: Role;
  /** The tenants the user may pick from (only when more than one), and the one shown. */
  tenants: readonly string[] | null;
  tenant: string;
}

export function UserMenu({ user }: { user: NavUser }) {
  const [busy, setBusy] = useState(false);
  const leave = async (everywhere: boolean) => {
    setBusy(true);
    try {
      await (everywhere ? signOutEverywhere() : signOut());
    } finally {
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full load after sign-out drops every cached query of the old session, which router.push would keep
      window.location.assign('/sign-in');
    }
  };
  return (
    <div className="user-menu">
      {user.tenants && user.tenants.length > 1 && <TenantPicker tenants={user.tenants} current={user.tenant} />}
      {user.role === 'admin' && (
        <Link href="/admin" prefetch={false}>
          Admin
        </Link>
      )}
      <span className="muted" data-testid="current-user">
        {user.name} · {user.role}
      </span>
      <button type="button" disabled={busy} onClick={() => leave(false)}>
        Sign out
      </button>
      <button type="button" disabled={busy} onClick={() => leave(true)} title="End every session of this account">
        Sign out everywhere
      </button>
    </div>
  );
}
