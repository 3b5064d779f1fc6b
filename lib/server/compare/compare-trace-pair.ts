import 'server-only';
// The pair diff of two stored traces of one tenant (GET /api/compare): the same document as `tracehound diff`.
import { diffTraces } from '@/lib/domain/compare/diff-traces';
import type { NoiseProfile } from '@/lib/domain/compare/noise-profile';
import { spansFromPayload } from '@/lib/domain/compare/spans-from-payload';
import type { TraceDiff } from '@/lib/domain/compare/trace-diff';
import type { Queryable } from '../db/queryable';
import { AppError } from '../http/app-error';
import { readTrace } from '../traces/read-trace';

export async function compareTracePair(db: Queryable, tenant: string, ids: { a: string; b: string }, noise: NoiseProfile): Promise<TraceDiff> {
  const [a, b] = await Promise.all([readTrace(db, tenant, ids.a), readTrace(db, tenant, ids.b)]);
  if (!a) throw new AppError('not_found', `Trace ${ids.a} (a) not found.`);
  if (!b) throw new AppError('not_found', `Trace ${ids.b} (b) not found.`);
  return diffTraces(spansFromPayload(a), spansFromPayload(b), noise);
}
