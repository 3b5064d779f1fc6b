import 'server-only';
// Ingest authentication and tenancy shared by the push endpoints. When INGEST_TOKENS is set, a request must
// carry one of them as `Authorization: Bearer <token>` or as the password of Basic auth (what Promtail,
// Alloy and Grafana's clients send). The tenant is Loki's X-Scope-OrgID header, defaulting to `default`.
import { timingSafeEqual } from 'node:crypto';
import { DEFAULT_TENANT } from '@/lib/domain/model/span';
import { getConfig } from '../config/load-config';
import { AppError } from './app-error';

function presentedToken(header: string | null): string | null {
  if (!header) return null;
  const [scheme, value] = header.trim().split(/\s+/, 2);
  if (!value) return null;
  if (scheme?.toLowerCase() === 'bearer') return value;
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(colon + 1) : null;
  }
  return null;
}

function matches(token: string, allowed: readonly string[]): boolean {
  const t = Buffer.from(token);
  return allowed.some((a) => {
    const b = Buffer.from(a);
    return b.length === t.length && timingSafeEqual(b, t);
  });
}

export function authorizeIngest(request: Request, tokens: readonly string[] = getConfig().INGEST_TOKENS): void {
  if (tokens.length === 0) return;
  const token = presentedToken(request.headers.get('authorization'));
  if (!token || !matches(token, tokens)) {
    throw new AppError('unauthorized', 'a valid ingest token is required (Authorization: Bearer <token>)');
  }
}

/** Loki's tenant id rules: up to 150 characters of [A-Za-z0-9!-_.*'()]. */
export function tenantFromRequest(request: Request): string {
  const header = request.headers.get('x-scope-orgid')?.trim();
  if (!header) return DEFAULT_TENANT;
  if (header.length > 150 || !/^[A-Za-z0-9!\-_.*'()]+$/.test(header)) {
    throw new AppError('bad_request', 'X-Scope-OrgID must be 1-150 characters of letters, digits and !-_.*\'()');
  }
  return header;
}
