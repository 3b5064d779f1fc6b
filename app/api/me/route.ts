// GET /api/me — who the caller is: {kind, id, name, role, tenants, tenant, authMode}. The shell uses it to show
// the user and hide controls the role cannot use (the server checks every action anyway).
import { guarded } from '@/lib/server/auth/guarded';
import { getConfig } from '@/lib/server/config/load-config';

export const dynamic = 'force-dynamic';

export const GET = guarded('viewer', async (_request, _context, access) => Response.json({ ...access.principal, tenant: access.tenant(), authMode: getConfig().AUTH_MODE }));
