// /api/auth/* — better-auth's endpoints: sign-in/email, sign-out, get-session, revoke-sessions (sign out
// everywhere), sign-in/social and callback/oidc (SSO). Public by nature; better-auth checks Origin on
// state changes and rate-limits sign-in; lib/server/auth/better-auth.ts audits sign-ins.
import { getAuth } from '@/lib/server/auth/better-auth';

export const dynamic = 'force-dynamic';

async function handle(request: Request): Promise<Response> {
  return (await getAuth()).handler(request);
}

export const GET = handle;
export const POST = handle;
