// GET /tempo/api/search/tags?start=&end= — Tempo's v1 tag names ({tagNames}): span and resource attribute keys.
import { guarded } from '@/lib/server/auth/guarded';
import { getDatabase } from '@/lib/server/db/get-database';
import { tagNames, tagWindow } from '@/lib/server/tempo/tempo-tags';

export const dynamic = 'force-dynamic';

export const GET = guarded('viewer', async (request, _context, access) => {
  const window = tagWindow(new URL(request.url).searchParams);
  const db = await getDatabase();
  const names = await tagNames(db.pool, access.tenant(), window);
  return Response.json({ tagNames: [...new Set([...names.span, ...names.resource])].sort() });
});
