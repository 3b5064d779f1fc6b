// GET /api/investigations/{id} — the investigation with its timeline, snapshots and the summaries of the traces
// it mentions (viewer). PATCH {title?, severity?, status?, owner?, windowStartUnixNano?, windowEndUnixNano?,
// services?} (responder). DELETE — soft deletion (admin). Mutations are audited. Another tenant's id is a 404.
import { InvestigationPatch } from '@/lib/domain/investigations/investigation-input';
import { guarded } from '@/lib/server/auth/guarded';
import { clientIp } from '@/lib/server/auth/client-ip';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { getDatabase } from '@/lib/server/db/get-database';
import { parseJsonBody } from '@/lib/server/http/parse-json-body';
import { deleteInvestigation } from '@/lib/server/investigations/delete-investigation';
import { getInvestigationDetail } from '@/lib/server/investigations/get-investigation-detail';
import { investigationIdOrNotFound } from '@/lib/server/investigations/investigation-row';
import { updateInvestigation } from '@/lib/server/investigations/update-investigation';

export const dynamic = 'force-dynamic';

type Params = { investigationId: string };

export const GET = guarded<Params>('viewer', async (_request, context, { tenant }) => {
  const id = investigationIdOrNotFound((await context.params).investigationId);
  return Response.json(await getInvestigationDetail((await getDatabase()).pool, tenant(), id));
});

export const PATCH = guarded<Params>('responder', async (request, context, { principal, tenant }) => {
  const id = investigationIdOrNotFound((await context.params).investigationId);
  const patch = await parseJsonBody(request, InvestigationPatch);
  const db = (await getDatabase()).pool;
  const { before, after } = await updateInvestigation(db, tenant(), id, patch);
  const changed = Object.fromEntries(Object.keys(patch).map((k) => [k, { from: before[k as keyof typeof before], to: after[k as keyof typeof after] }]));
  await recordAudit(db, { actor: principal, action: 'investigation.update', target: id, tenant: after.tenant, ip: clientIp(request), details: { changed } });
  return Response.json(after);
});

export const DELETE = guarded<Params>('admin', async (request, context, { principal, tenant }) => {
  const id = investigationIdOrNotFound((await context.params).investigationId);
  const db = (await getDatabase()).pool;
  await deleteInvestigation(db, tenant(), id);
  await recordAudit(db, { actor: principal, action: 'investigation.delete', target: id, tenant: tenant(), ip: clientIp(request) });
  return Response.json({ deleted: id });
});
