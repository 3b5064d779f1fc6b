// POST /api/setup {token, email, password, name?} — first run: creates the admin account with the one-time
// setup token printed at startup, then signs it in. 403 for a bad, expired or used token.
import { z } from 'zod';
import { getAuth } from '@/lib/server/auth/better-auth';
import { checkOrigin } from '@/lib/server/auth/check-origin';
import { clientIp } from '@/lib/server/auth/client-ip';
import { completeSetup } from '@/lib/server/auth/first-run';
import { getDatabase } from '@/lib/server/db/get-database';
import { withErrors } from '@/lib/server/http/route-handler';
import { parseJsonBody } from '@/lib/server/http/parse-json-body';

export const dynamic = 'force-dynamic';

const Body = z.object({ token: z.string().min(1), email: z.string(), password: z.string(), name: z.string().max(100).optional() });

export const POST = withErrors(async (request) => {
  checkOrigin(request);
  const body = await parseJsonBody(request, Body);
  const user = await completeSetup((await getDatabase()).pool, body, clientIp(request));
  const auth = await getAuth();
  const signedIn = await auth.api.signInEmail({ body: { email: user.email, password: body.password }, headers: request.headers, asResponse: true });
  return new Response(JSON.stringify({ user }), { status: 201, headers: { 'content-type': 'application/json', 'set-cookie': signedIn.headers.get('set-cookie') ?? '' } });
});
