// POST /api/agent-captures {captures: [...]} — where agents ship captured exchanges (operator; agents send an
// API token as Authorization: Bearer). Tenant from X-Scope-OrgID. 202 {accepted, stored}.
// GET /api/agent-captures?traceId=&spanId=&shadows=1 — captures of a trace or span (viewer).
import { isValidSpanId, isValidTraceId } from '@/lib/domain/model/ids';
import { captureBatchSchema } from '@/lib/domain/agent/capture-record';
import { parseInput, readJsonBody } from '@/lib/server/agents/agent-input';
import { findCaptures } from '@/lib/server/agents/find-captures';
import { storeCaptures } from '@/lib/server/agents/store-captures';
import { requireRole } from '@/lib/server/auth/require-role';
import { getDatabase } from '@/lib/server/db/get-database';
import { AppError } from '@/lib/server/http/app-error';
import { withErrors } from '@/lib/server/http/route-handler';
import { readTenant } from '@/lib/server/logs/read-tenant';

export const dynamic = 'force-dynamic';

const MAX_BODY_BYTES = 64 * 1024 * 1024;

export const POST = withErrors(async (request) => {
  await requireRole(request, 'operator');
  const tenant = readTenant(request);
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) throw new AppError('payload_too_large', `capture batches are limited to ${MAX_BODY_BYTES} bytes`);
  const { captures } = parseInput(captureBatchSchema, await readJsonBody(request));
  const db = await getDatabase();
  // Not audited per batch: this is a data path (like span ingest), not an action.
  const stored = await storeCaptures(db.pool, tenant, captures);
  return Response.json({ accepted: captures.length, stored }, { status: 202 });
});

export const GET = withErrors(async (request) => {
  await requireRole(request, 'viewer');
  const params = new URL(request.url).searchParams;
  const traceId = (params.get('traceId') ?? '').toLowerCase();
  const spanId = params.get('spanId')?.toLowerCase() ?? null;
  if (!isValidTraceId(traceId) || traceId.length !== 32) throw new AppError('bad_request', 'traceId must be 32 hex characters');
  if (spanId !== null && !isValidSpanId(spanId)) throw new AppError('bad_request', 'spanId must be 16 hex characters');
  const db = await getDatabase();
  const captures = await findCaptures(db.pool, readTenant(request), { traceId, spanId, includeShadows: params.get('shadows') === '1' });
  return Response.json({ traceId, spanId, captures });
});
