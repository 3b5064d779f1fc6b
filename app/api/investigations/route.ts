// GET /api/investigations?status=&severity=&service=&q=&traceId=&limit= — the tenant's investigations, most
// recently changed first (viewer). POST {title, severity?, status?, owner?, windowStartUnixNano?,
// windowEndUnixNano?, services?} — a new investigation (responder; audited), 201.
import { NewInvestigation } from '@/lib/domain/investigations/investigation-input';
import { guarded } from '@/lib/server/auth/guarded';
import { clientIp } from '@/lib/server/auth/client-ip';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { getDatabase } from '@/lib/server/db/get-database';
import { parseJsonBody } from '@/lib/server/http/parse-json-body';
import { createInvestigation } from '@/lib/server/investigations/create-investigation';
import { listInvestigations } from '@/lib/server/investigations/list-investigations';
import { parseInvestigationFilter } from '@/lib/server/investigations/parse-investigation-filter';

export const dynamic = 'force-dynamic';

export const GET = guarded('viewer', async (request, _context, { tenant }) => {
  const filter = parseInvestigationFilter(new URL(request.url).searchParams);
  return Response.json({ investigations: await listInvestigations((await getDatabase()).pool, tenant(), filter) });
});

export const POST = guarded('responder', async (request, _context, { principal, tenant }) => {
  const body = await parseJsonBody(request, NewInvestigation);
  const db = (await getDatabase()).pool;
  const investigation = await createInvestigation(db, tenant(), principal, body);
  await recordAudit(db, {
    actor: principal,
    action: 'investigation.create',
    target: investigation.id,
    tenant: investigation.tenant,
    ip: clientIp(request),
    details: { title: investigation.title, severity: investigation.severity },
  });
  return Response.json(investigation, { status: 201 });
});
