// GET /api/admin/users — every account. POST {email, password, role, name?, tenants?} — a local account (201).
// Admin only; creations are audited.
import { z } from 'zod';
import { ROLES } from '@/lib/domain/auth/roles';
import { guarded } from '@/lib/server/auth/guarded';
import { createLocalUser, listUsers } from '@/lib/server/auth/users';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { clientIp } from '@/lib/server/auth/client-ip';
import { getDatabase } from '@/lib/server/db/get-database';
import { parseJsonBody } from '@/lib/server/http/parse-json-body';

export const dynamic = 'force-dynamic';

const NewUserBody = z.object({
  email: z.string(),
  password: z.string(),
  role: z.enum(ROLES),
  name: z.string().max(100).optional(),
  tenants: z.array(z.string()).nullable().optional(),
});

export const GET = guarded('admin', async () => Response.json({ users: await listUsers((await getDatabase()).pool) }));

export const POST = guarded('admin', async (request, _context, { principal }) => {
  const body = await parseJsonBody(request, NewUserBody);
  const db = (await getDatabase()).pool;
  const user = await createLocalUser(db, body);
  await recordAudit(db, { actor: principal, action: 'user.create', target: user.id, ip: clientIp(request), details: { email: user.email, role: user.role, tenants: user.tenants } });
  return Response.json({ user }, { status: 201 });
});
