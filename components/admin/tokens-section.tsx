'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { TokenScope } from '@/lib/domain/auth/account-records';
import { ROLES } from '@/lib/domain/auth/roles';
import { accountKeys, createToken, revokeToken, tokensQuery } from '@/lib/client/accounts-api';
import { useFormAction } from './use-form-action';

const SCOPES: readonly TokenScope[] = ['ingest', ...ROLES];

export function TokensSection() {
  const client = useQueryClient();
  const tokens = useQuery(tokensQuery());
  const [shown, setShown] = useState<string | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: accountKeys.tokens });
  const {
    onSubmit: add,
    error,
    setError,
  } = useFormAction(async (form) => {
    const scope = SCOPES.find((s) => s === form.get('role')) ?? 'viewer';
    const tenant = String(form.get('tenant')).trim();
    const { token } = await createToken({ name: String(form.get('name')), role: scope, tenant: tenant || null });
    setShown(token);
    await refresh();
  });
  return (
    <div className="admin-section">
      <h2>API tokens</h2>
      <form onSubmit={add} aria-label="Create token">
        <input name="name" placeholder="name" required aria-label="Token name" />
        <select name="role" defaultValue="viewer" aria-label="Token role">
          {SCOPES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <input name="tenant" placeholder="tenant (blank = all)" aria-label="Token tenant" />
        <button type="submit">Create token</button>
      </form>
      {shown && (
        <p className="secret-once" data-testid="new-token">
          Copy it now; it is not shown again: <code>{shown}</code>
        </p>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <table className="data">
        <thead>
          <tr>
            <th>Name</th>
            <th>Token</th>
            <th>Role</th>
            <th>Tenant</th>
            <th>Created</th>
            <th>Last used</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(tokens.data ?? []).map((t) => (
            <tr key={t.id}>
              <td>{t.name}</td>
              <td className="mono">{t.prefix}…</td>
              <td>{t.scope}</td>
              <td>{t.tenant ?? 'all'}</td>
              <td>
                {t.createdAt.slice(0, 19).replace('T', ' ')} by {t.createdBy}
              </td>
              <td>{t.lastUsedAt?.slice(0, 19).replace('T', ' ') ?? 'never'}</td>
              <td>
                {t.revokedAt ? (
                  'revoked'
                ) : (
                  <button type="button" onClick={() => revokeToken(t.id).then(refresh, (e: Error) => setError(e.message))}>
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
