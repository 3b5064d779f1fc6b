// PATCH /api/investigations/{id}/items/{itemId} {body} — edits a note (responder; audited, and the entry says
// when the note was someone else's). DELETE — soft-deletes an item (admin; audited).
import { NotePatch } from '@/lib/domain/investigations/investigation-input';
import { guarded } from '@/lib/server/auth/guarded';
import { clientIp } from '@/lib/server/auth/client-ip';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { getDatabase } from '@/lib/server/db/get-database';
import { parseJsonBody } from '@/lib/server/http/parse-json-body';
import { deleteItem, editNote } from '@/lib/server/investigations/edit-note';
import { investigationIdOrNotFound, itemIdOrNotFound } from '@/lib/server/investigations/investigation-row';

export const dynamic = 'force-dynamic';

type Params = { investigationId: string; itemId: string };

export const PATCH = guarded<Params>('responder', async (request, context, { principal, tenant }) => {
  const params = await context.params;
  const id = investigationIdOrNotFound(params.investigationId);
  const itemId = itemIdOrNotFound(params.itemId);
  const { body } = await parseJsonBody(request, NotePatch);
  const db = (await getDatabase()).pool;
  const { before, after } = await editNote(db, tenant(), id, itemId, principal, body);
  const othersNote = before.authorId !== principal.id;
  await recordAudit(db, {
    actor: principal,
    action: 'investigation.note.edit',
    target: `${id}/${itemId}`,
    tenant: tenant(),
    ip: clientIp(request),
    details: othersNote ? { othersNote: true, author: before.author } : { othersNote: false },
  });
  return Response.json(after);
});

export const DELETE = guarded<Params>('admin', async (request, context, { principal, tenant }) => {
  const params = await context.params;
  const id = investigationIdOrNotFound(params.investigationId);
  const itemId = itemIdOrNotFound(params.itemId);
  const db = (await getDatabase()).pool;
  const item = await deleteItem(db, tenant(), id, itemId);
  await recordAudit(db, {
    actor: principal,
    action: 'investigation.item.delete',
    target: `${id}/${itemId}`,
    tenant: tenant(),
    ip: clientIp(request),
    details: { kind: item.kind, author: item.author },
  });
  return Response.json({ deleted: itemId });
});
