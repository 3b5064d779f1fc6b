// PATCH /api/admin/users/{userId} {role?, tenants?, disabled?} — admin only; every change is audited with the
// old and new values.
import { z } from 'zod';
import { ROLES } from '@/lib/domain/auth/roles';
import { guarded } from '@/lib/server/auth/guarded';
import { getUser, updateUser } from '@/lib/server/auth/users';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { clientIp } from '@/lib/server/auth/client-ip';
import { getDatabase } from '@/lib/server/db/get-database';
import { AppError } from '@/lib/server/http/app-error';
import { parseJsonBody } from '@/lib/server/http/parse-json-body';

export const dynamic = 'force-dynamic';

const ChangeBody = z.object({ role: z.enum(ROLES).optional(), tenants: z.array(z.string()).nullable().optional(), disabled: z.boolean().optional() }).strict();

export const PATCH = guarded<{ userId: string }>('admin', async (request, context, { principal }) => {
  const { userId } = await context.params;
  const change = await parseJsonBody(request, ChangeBody);
  const db = (await getDatabase()).pool;
  const before = await getUser(db, userId);
  if (!before) throw new AppError('not_found', `No user ${userId}.`);
  const after = await updateUser(db, userId, change);
  const action = change.role !== undefined && change.role !== before.role ? 'user.role-change' : 'user.update';
  await recordAudit(db, {
    actor: principal,
    action,
    target: userId,
    ip: clientIp(request),
    details: { email: after.email, before: { role: before.role, tenants: before.tenants, disabled: before.disabled }, after: { role: after.role, tenants: after.tenants, disabled: after.disabled } },
  });
  return Response.json({ user: after });
});
