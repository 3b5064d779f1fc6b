// DELETE /api/admin/users/{userId}/sessions — signs the user out everywhere (admin only, audited).
import { guarded } from '@/lib/server/auth/guarded';
import { revokeSessions } from '@/lib/server/auth/users';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { clientIp } from '@/lib/server/auth/client-ip';
import { getDatabase } from '@/lib/server/db/get-database';

export const dynamic = 'force-dynamic';

export const DELETE = guarded<{ userId: string }>('admin', async (request, context, { principal }) => {
  const { userId } = await context.params;
  const db = (await getDatabase()).pool;
  const ended = await revokeSessions(db, userId);
  await recordAudit(db, { actor: principal, action: 'user.sessions-revoke', target: userId, ip: clientIp(request), details: { ended } });
  return Response.json({ ended });
});
