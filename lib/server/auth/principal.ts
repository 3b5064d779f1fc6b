import 'server-only';
import type { Role } from '@/lib/domain/auth/roles';

/** Who is making a request, as every guarded route sees it. */
export interface Principal {
  /** `user`: a signed-in account; `token`: an API token; `anonymous`: AUTH_MODE=off. */
  kind: 'user' | 'token' | 'anonymous';
  /** User id, token id, or "anonymous". */
  id: string;
  /** Shown in the audit trail: the user's email, the token's name. */
  name: string;
  role: Role;
  /** Tenants this principal may read and write; null = every tenant. */
  tenants: readonly string[] | null;
}
