import 'server-only';
// Per-client admission of expensive queries (issue #19): searches, LogQL, service maps and dependency graphs
// may each hold a pooled connection for up to QUERY_TIMEOUT_MS. One client may run at most
// QUERY_MAX_CONCURRENT_PER_CLIENT of them at once; more get 429 at once instead of queueing for the shared
// interactive pool. (Ingest and health have their own pools, so they are never starved either way.)
//
// The client is the signed-in user or the API token (so people behind one proxy do not share a budget, and a
// client cannot pick a fresh identity with a header); for the anonymous of AUTH_MODE=off, the first
// X-Forwarded-For hop (next start sets it to the peer address), else "unknown". Counts live on globalThis: Next may evaluate this
// module once per route bundle, and all routes must share one count.
import { getConfig } from '../config/load-config';
import { AppError } from './app-error';
import type { GuardedHandler } from '../auth/guarded';
import type { Principal } from '../auth/principal';

const KEY = Symbol.for('tracehound.query-admission');
type GlobalWithCounts = typeof globalThis & { [KEY]?: Map<string, number> };

function counts(): Map<string, number> {
  const g = globalThis as GlobalWithCounts;
  g[KEY] ??= new Map();
  return g[KEY];
}

/** The client a slot is counted for: the signed-in user or API token; the address only for the anonymous. */
export function clientOf(request: Request, principal?: Pick<Principal, 'kind' | 'id'>): string {
  if (principal && principal.kind !== 'anonymous') return `${principal.kind}:${principal.id}`;
  const forwarded = request.headers.get('x-forwarded-for');
  const first = forwarded?.split(',')[0]?.trim();
  return first || request.headers.get('x-real-ip')?.trim() || 'unknown';
}

/** Runs `work` holding one of the client's expensive-query slots; 429 with Retry-After when none is free. */
export async function withQuerySlot<T>(request: Request, work: () => Promise<T>, principal?: Pick<Principal, 'kind' | 'id'>, limit = getConfig().QUERY_MAX_CONCURRENT_PER_CLIENT): Promise<T> {
  const client = clientOf(request, principal);
  const running = counts();
  const n = running.get(client) ?? 0;
  if (n >= limit) {
    throw new AppError('too_many_requests', `Too many queries in progress for this client (at most ${limit} at once); retry when one finishes.`, {
      retryAfterSeconds: 1,
    });
  }
  running.set(client, n + 1);
  try {
    return await work();
  } finally {
    const left = (running.get(client) ?? 1) - 1;
    if (left <= 0) running.delete(client);
    else running.set(client, left);
  }
}

/** Route-handler form: `export const GET = guarded('viewer', expensiveQuery(async (request, context, access) => ...))`. */
export function expensiveQuery<P extends Record<string, string>>(handler: GuardedHandler<P>): GuardedHandler<P> {
  return (request, context, access) => withQuerySlot(request, () => handler(request, context, access), access.principal);
}
