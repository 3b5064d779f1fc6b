// GET /tempo/api/v2/search/tag/{tag}/values?start=&end= — Tempo's v2 tag values ({tagValues: [{type, value}]})
// for resource.x, span.x, .x and the intrinsics name, status, kind.
import { guarded } from '@/lib/server/auth/guarded';
import { getDatabase } from '@/lib/server/db/get-database';
import { tagValues, tagWindow } from '@/lib/server/tempo/tempo-tags';

export const dynamic = 'force-dynamic';

export const GET = guarded<{ tag: string }>('viewer', async (request, context, access) => {
  // Next has decoded the path segment already; decoding twice would turn "%25" into a URIError.
  const tag = (await context.params).tag;
  const window = tagWindow(new URL(request.url).searchParams);
  const db = await getDatabase();
  return Response.json({ tagValues: await tagValues(db.pool, access.tenant(), tag, window) });
});
