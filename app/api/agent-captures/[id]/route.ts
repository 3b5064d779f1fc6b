// GET /api/agent-captures/{id} — one capture by id (the tracehound.capture.id attribute of the agent's span);
// 404 when unknown (viewer). Tenant from X-Scope-OrgID.
import { findCaptureById } from '@/lib/server/agents/find-captures';
import { requireRole } from '@/lib/server/auth/require-role';
import { getDatabase } from '@/lib/server/db/get-database';
import { AppError } from '@/lib/server/http/app-error';
import { withErrors, type RouteContext } from '@/lib/server/http/route-handler';
import { readTenant } from '@/lib/server/logs/read-tenant';

export const dynamic = 'force-dynamic';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const GET = withErrors(async (request, context: RouteContext<{ id: string }>) => {
  await requireRole(request, 'viewer');
  const { id } = await context.params;
  if (!UUID.test(id)) throw new AppError('bad_request', 'id must be a capture id (a UUID)');
  const db = await getDatabase();
  const capture = await findCaptureById(db.pool, readTenant(request), id.toLowerCase());
  if (!capture) throw new AppError('not_found', `no capture ${id}`);
  return Response.json(capture);
});
