// GET /tempo/api/v2/search/tags?scope=&start=&end= — Tempo's v2 tag names per scope ({scopes: [{name, tags}]}),
// what Grafana's TraceQL editor autocompletes from. scope: span | resource | intrinsic | none/absent (all).
import { guarded } from '@/lib/server/auth/guarded';
import { getDatabase } from '@/lib/server/db/get-database';
import { AppError } from '@/lib/server/http/app-error';
import { TEMPO_INTRINSICS, tagNames, tagWindow } from '@/lib/server/tempo/tempo-tags';

export const dynamic = 'force-dynamic';

const SCOPES = new Set(['span', 'resource', 'intrinsic', 'none', '']);

export const GET = guarded('viewer', async (request, _context, access) => {
  const params = new URL(request.url).searchParams;
  const scope = params.get('scope') ?? '';
  if (!SCOPES.has(scope)) throw new AppError('bad_request', 'scope must be span, resource, intrinsic or none', { details: { field: 'scope' } });
  const window = tagWindow(params);
  const scopes: { name: string; tags: string[] }[] = [];
  if (scope !== 'intrinsic') {
    const names = await tagNames((await getDatabase()).pool, access.tenant(), window);
    if (scope !== 'resource') scopes.push({ name: 'span', tags: names.span });
    if (scope !== 'span') scopes.push({ name: 'resource', tags: names.resource });
  }
  if (scope === '' || scope === 'none' || scope === 'intrinsic') scopes.push({ name: 'intrinsic', tags: TEMPO_INTRINSICS });
  return Response.json({ scopes });
});
