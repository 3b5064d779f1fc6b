// GET /api/tokens — API tokens (never their secrets). POST {name, role, tenant?} — a new token, its secret shown
// in this response only (201). `role` is viewer/responder/operator/admin, or `ingest` for send-only tokens.
// Admin only; audited.
import { z } from 'zod';
import { createApiToken, listApiTokens } from '@/lib/server/auth/api-tokens';
import { guarded } from '@/lib/server/auth/guarded';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { clientIp } from '@/lib/server/auth/client-ip';
import { getDatabase } from '@/lib/server/db/get-database';
import { parseJsonBody } from '@/lib/server/http/parse-json-body';

export const dynamic = 'force-dynamic';

const NewTokenBody = z.object({
  name: z.string(),
  role: z.enum(['viewer', 'responder', 'operator', 'admin', 'ingest']),
  tenant: z.string().nullable().optional(),
});

export const GET = guarded('admin', async () => Response.json({ tokens: await listApiTokens((await getDatabase()).pool) }));

export const POST = guarded('admin', async (request, _context, { principal }) => {
  const body = await parseJsonBody(request, NewTokenBody);
  const db = (await getDatabase()).pool;
  const { token, record } = await createApiToken(db, { name: body.name, scope: body.role, tenant: body.tenant ?? null, createdBy: principal.name });
  await recordAudit(db, { actor: principal, action: 'token.create', target: record.id, ip: clientIp(request), details: { name: record.name, scope: record.scope, tenant: record.tenant } });
  return Response.json({ token, record }, { status: 201 });
});
