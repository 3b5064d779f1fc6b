// GET /api/compare?a=<trace id>&b=<trace id>[&noise=<profile JSON>] — the pair diff of two traces of the
// caller's tenant (the document `tracehound diff` prints). 400 bad parameter, 404 unknown trace.
import { guarded } from '@/lib/server/auth/guarded';
import { compareTracePair } from '@/lib/server/compare/compare-trace-pair';
import { parseComparePairParams } from '@/lib/server/compare/compare-params';
import { getDatabase } from '@/lib/server/db/get-database';

export const dynamic = 'force-dynamic';

export const GET = guarded('viewer', async (request, _context, access) => {
  const { ids, noise } = parseComparePairParams(new URL(request.url).searchParams);
  const db = await getDatabase();
  return Response.json(await compareTracePair(db.pool, access.tenant(), ids, noise));
});
