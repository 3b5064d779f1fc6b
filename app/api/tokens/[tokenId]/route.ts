// DELETE /api/tokens/{tokenId} — revokes a token at once (admin only, audited); 404 if unknown or already revoked.
import { revokeApiToken } from '@/lib/server/auth/api-tokens';
import { guarded } from '@/lib/server/auth/guarded';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { clientIp } from '@/lib/server/auth/client-ip';
import { getDatabase } from '@/lib/server/db/get-database';
import { AppError } from '@/lib/server/http/app-error';

export const dynamic = 'force-dynamic';

export const DELETE = guarded<{ tokenId: string }>('admin', async (request, context, { principal }) => {
  const { tokenId } = await context.params;
  const db = (await getDatabase()).pool;
  if (!(await revokeApiToken(db, tokenId))) throw new AppError('not_found', `No live token ${tokenId}.`);
  await recordAudit(db, { actor: principal, action: 'token.revoke', target: tokenId, ip: clientIp(request) });
  return Response.json({ revoked: tokenId });
});
