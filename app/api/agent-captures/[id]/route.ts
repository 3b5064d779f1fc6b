// GET /api/agent-captures/{id} — one capture by id (the tracehound.capture.id attribute of the agent's span);
// 404 when unknown (viewer). Tenant from X-Scope-OrgID.
import { findCaptureById } from '@/lib/server/agents/find-captures';
import { guarded } from '@/lib/server/auth/guarded';
import { getDatabase } from '@/lib/server/db/get-database';
import { AppError } from '@/lib/server/http/app-error';

export const dynamic = 'force-dynamic';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const GET = guarded<{ id: string }>('viewer', async (request, context, { tenant }) => {
  const { id } = await context.params;
  if (!UUID.test(id)) throw new AppError('bad_request', 'id must be a capture id (a UUID)');
  const db = await getDatabase();
  const capture = await findCaptureById(db.pool, tenant(), id.toLowerCase());
  if (!capture) throw new AppError('not_found', `no capture ${id}`);
  return Response.json(capture);
});
