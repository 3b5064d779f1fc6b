// GET /api/investigations/{id}/items?after= — the timeline's items in pin order, only those after an item id
// when polling (viewer). POST — pins evidence or adds a note (responder; audited), 201:
// {kind:"trace", traceId, view?} | {kind:"span", traceId, spanId, view?} | {kind:"finding", traceId, finding:{type,
// title, spanIds}, view?} | {kind:"log-query", query, from, to} | {kind:"search-query", query, from?, to?} |
// {kind:"service", service, from?, to?} | {kind:"comparison", traceIds} | {kind:"replay-run"|"chaos-run", ref,
// summary?} | {kind:"note", body}. Trace evidence snapshots the trace (INVESTIGATION_SNAPSHOT_MAX_SPANS).
import { NewItem } from '@/lib/domain/investigations/investigation-input';
import { guarded } from '@/lib/server/auth/guarded';
import { clientIp } from '@/lib/server/auth/client-ip';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { getConfig } from '@/lib/server/config/load-config';
import { getDatabase } from '@/lib/server/db/get-database';
import { AppError } from '@/lib/server/http/app-error';
import { parseJsonBody } from '@/lib/server/http/parse-json-body';
import { addItem } from '@/lib/server/investigations/add-item';
import { getInvestigation } from '@/lib/server/investigations/get-investigation';
import { investigationIdOrNotFound } from '@/lib/server/investigations/investigation-row';
import { listItems } from '@/lib/server/investigations/list-items';

export const dynamic = 'force-dynamic';

type Params = { investigationId: string };

export const GET = guarded<Params>('viewer', async (request, context, { tenant }) => {
  const id = investigationIdOrNotFound((await context.params).investigationId);
  const after = new URL(request.url).searchParams.get('after');
  if (after !== null && !/^\d{1,18}$/.test(after)) throw new AppError('bad_request', 'after: must be an item id', { details: { field: 'after' } });
  const db = (await getDatabase()).pool;
  await getInvestigation(db, tenant(), id);
  return Response.json({ items: await listItems(db, id, after) });
});

export const POST = guarded<Params>('responder', async (request, context, { principal, tenant }) => {
  const id = investigationIdOrNotFound((await context.params).investigationId);
  const body = await parseJsonBody(request, NewItem);
  const db = (await getDatabase()).pool;
  const item = await addItem(db, tenant(), id, principal, body, getConfig().INVESTIGATION_SNAPSHOT_MAX_SPANS);
  await recordAudit(db, { actor: principal, action: 'investigation.item.add', target: `${id}/${item.id}`, tenant: tenant(), ip: clientIp(request), details: { kind: item.kind, ref: item.ref } });
  return Response.json(item, { status: 201 });
});
