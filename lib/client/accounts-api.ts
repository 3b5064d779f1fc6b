// Typed fetchers and TanStack Query options for sign-in, setup and the admin page (users, tokens, audit).
import { queryOptions } from '@tanstack/react-query';
import type { ApiToken, AuditRecord, TokenScope, UserAccount } from '@/lib/domain/auth/account-records';
import type { Role } from '@/lib/domain/auth/roles';
import { readJson } from './api-error';

const JSON_HEADERS = { 'content-type': 'application/json' };

function send<T>(method: string, url: string, body?: unknown): Promise<T> {
  return fetch(url, { method, headers: body === undefined ? undefined : JSON_HEADERS, body: body === undefined ? undefined : JSON.stringify(body) }).then((r) => readJson<T>(r));
}

export const accountKeys = {
  users: ['admin', 'users'] as const,
  tokens: ['admin', 'tokens'] as const,
  audit: (filter: Record<string, string>) => ['admin', 'audit', filter] as const,
};

export const usersQuery = () => queryOptions({ queryKey: accountKeys.users, queryFn: () => send<{ users: UserAccount[] }>('GET', '/api/admin/users').then((r) => r.users) });

export const tokensQuery = () => queryOptions({ queryKey: accountKeys.tokens, queryFn: () => send<{ tokens: ApiToken[] }>('GET', '/api/tokens').then((r) => r.tokens) });

export function auditUrl(filter: Record<string, string>, format?: 'jsonl'): string {
  const params = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== ''));
  if (format) params.set('format', format);
  return `/api/audit?${params}`;
}

export const auditQuery = (filter: Record<string, string>) =>
  queryOptions({ queryKey: accountKeys.audit(filter), queryFn: () => send<{ entries: AuditRecord[] }>('GET', auditUrl(filter)).then((r) => r.entries) });

export const createUser = (input: { email: string; password: string; role: Role; tenants: string[] | null }) => send<{ user: UserAccount }>('POST', '/api/admin/users', input);

export const updateUser = (id: string, change: { role?: Role; tenants?: string[] | null; disabled?: boolean }) =>
  send<{ user: UserAccount }>('PATCH', `/api/admin/users/${encodeURIComponent(id)}`, change);

export const revokeUserSessions = (id: string) => send<{ ended: number }>('DELETE', `/api/admin/users/${encodeURIComponent(id)}/sessions`);

export const createToken = (input: { name: string; role: TokenScope; tenant: string | null }) => send<{ token: string; record: ApiToken }>('POST', '/api/tokens', input);

export const revokeToken = (id: string) => send<{ revoked: string }>('DELETE', `/api/tokens/${encodeURIComponent(id)}`);

export const signInWithPassword = (email: string, password: string) => send<unknown>('POST', '/api/auth/sign-in/email', { email, password });

/** Starts SSO: better-auth answers with the identity provider's authorization URL. */
export const startSso = (callbackURL: string) => send<{ url: string }>('POST', '/api/auth/sign-in/social', { provider: 'oidc', callbackURL, errorCallbackURL: '/sign-in?error=sso' });

export const signOut = () => send<unknown>('POST', '/api/auth/sign-out', {});

export const signOutEverywhere = () => send<unknown>('POST', '/api/auth/revoke-sessions', {});

export const completeSetup = (input: { token: string; email: string; password: string }) => send<{ user: UserAccount }>('POST', '/api/setup', input);
