// GET /tempo/api/search/tag/{tag}/values?start=&end= — Tempo's v1 tag values ({tagValues: ["…"]}): the values of
// the span or resource attribute named {tag} (no scope prefix in v1), as older Grafana versions ask for them.
import { guarded } from '@/lib/server/auth/guarded';
import { getDatabase } from '@/lib/server/db/get-database';
import { tagValues, tagWindow } from '@/lib/server/tempo/tempo-tags';

export const dynamic = 'force-dynamic';

export const GET = guarded<{ tag: string }>('viewer', async (request, context, access) => {
  // Next has decoded the path segment already; decoding twice would turn "%25" into a URIError.
  const tag = (await context.params).tag;
  const window = tagWindow(new URL(request.url).searchParams);
  const db = await getDatabase();
  const values = await tagValues(db.pool, access.tenant(), `.${tag}`, window);
  return Response.json({ tagValues: [...new Set(values.map((v) => v.value))] });
});
