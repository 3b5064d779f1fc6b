'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROLES, isRole } from '@/lib/domain/auth/roles';
import { accountKeys, createUser, revokeUserSessions, updateUser, usersQuery } from '@/lib/client/accounts-api';
import { useFormAction } from './use-form-action';

function tenantsFrom(text: string): string[] | null {
  const list = text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  return list.length ? list : null;
}

export function UsersSection({ currentUserId }: { currentUserId: string }) {
  const client = useQueryClient();
  const users = useQuery(usersQuery());
  const refresh = () => client.invalidateQueries({ queryKey: accountKeys.users });
  const change = useMutation({
    mutationFn: (args: { id: string; change: Parameters<typeof updateUser>[1] }) => updateUser(args.id, args.change),
    onSuccess: refresh,
    onError: (e) => setError(e.message),
  });
  const {
    onSubmit: add,
    error,
    setError,
  } = useFormAction(async (form) => {
    const role = String(form.get('role'));
    await createUser({ email: String(form.get('email')), password: String(form.get('password')), role: isRole(role) ? role : 'viewer', tenants: tenantsFrom(String(form.get('tenants'))) });
    await refresh();
  });
  return (
    <div className="admin-section">
      <h2>Users</h2>
      <form onSubmit={add} aria-label="Add user">
        <input name="email" type="email" placeholder="email" required aria-label="New user email" />
        <input name="password" type="password" placeholder="password (10+)" minLength={10} required aria-label="New user password" />
        <select name="role" defaultValue="viewer" aria-label="New user role">
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
        <input name="tenants" placeholder="tenants (blank = all)" aria-label="New user tenants" />
        <button type="submit">Add user</button>
      </form>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <table className="data">
        <thead>
          <tr>
            <th>Email</th>
            <th>Role</th>
            <th>Tenants</th>
            <th>Sign-in</th>
            <th>Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(users.data ?? []).map((u) => (
            <tr key={u.id} data-testid={`user-${u.email}`}>
              <td>{u.email}</td>
              <td>
                <select
                  aria-label={`Role of ${u.email}`}
                  value={u.role}
                  disabled={u.id === currentUserId}
                  onChange={(e) => isRole(e.target.value) && change.mutate({ id: u.id, change: { role: e.target.value } })}
                >
                  {ROLES.map((r) => (
                    <option key={r}>{r}</option>
                  ))}
                </select>
              </td>
              <td>{u.tenants?.join(', ') ?? 'all'}</td>
              <td>{u.signInMethods.join(', ') || '—'}</td>
              <td>{u.disabled ? 'disabled' : 'active'}</td>
              <td>
                {u.id !== currentUserId && (
                  <button type="button" onClick={() => change.mutate({ id: u.id, change: { disabled: !u.disabled } })}>
                    {u.disabled ? 'Enable' : 'Disable'}
                  </button>
                )}{' '}
                <button type="button" onClick={() => revokeUserSessions(u.id).then(refresh, (e: Error) => setError(e.message))}>
                  Sign out everywhere
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
