// Wire shapes of the accounts API (/api/admin/users, /api/tokens, /api/audit, /api/me), shared by the server
// that writes them and the admin page that reads them. Times are ISO-8601 strings.
import type { Role } from './roles';

export type TokenScope = Role | 'ingest';

export interface UserAccount {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** null = every tenant. */
  tenants: string[] | null;
  disabled: boolean;
  /** "password", "oidc" or both. */
  signInMethods: string[];
  createdAt: string;
}

export interface ApiToken {
  id: string;
  name: string;
  /** First characters of the token, to recognise it in lists. */
  prefix: string;
  scope: TokenScope;
  tenant: string | null;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface AuditRecord {
  id: string;
  at: string;
  actorKind: string;
  actorId: string;
  actorName: string;
  action: string;
  target: string | null;
  outcome: string;
  tenant: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

export interface Me {
  kind: 'user' | 'token' | 'anonymous';
  id: string;
  name: string;
  role: Role;
  tenants: string[] | null;
  tenant: string;
  authMode: 'on' | 'off';
}
