import 'server-only';
// The better-auth instance: local accounts (scrypt password hashes), database sessions in cookies, sign-in
// rate limits, and OpenID Connect SSO through its generic OAuth plugin (authorization code + PKCE, discovery,
// ID token verification). Tracehound keeps roles, tenants, API tokens and the audit trail itself.
// One instance per process (kept on globalThis: Next may evaluate this module once per route bundle).
import type { Pool } from 'pg';
import { betterAuth } from 'better-auth';
import { genericOAuth } from 'better-auth/plugins/generic-oauth';
import { createAuthMiddleware } from 'better-auth/api';
import type { Config } from '../config/config-schema';
import { getConfig } from '../config/load-config';
import { getDatabase } from '../db/get-database';
import { loadAuthSecret } from './auth-secret';
import { recordAudit } from '../audit/record-audit';
import { assertNotLockedOut } from './sign-in-lockout';

export const OIDC_PROVIDER_ID = 'oidc';

export function publicUrl(config: Config): string {
  return config.TRACEHOUND_URL ?? `http://localhost:${process.env.PORT ?? '3000'}`;
}

function buildAuth(config: Config, pool: Pool, secret: string) {
  const base = publicUrl(config);
  return betterAuth({
    appName: 'Tracehound',
    baseURL: base,
    basePath: '/api/auth',
    secret,
    database: pool,
    trustedOrigins: (request) => trustedOriginsFor(config, request),
    user: {
      modelName: 'auth_user',
      additionalFields: {
        role: { type: 'string', required: false, defaultValue: config.OIDC_DEFAULT_ROLE, input: false },
        tenants: { type: 'string', required: false, input: false },
        disabled: { type: 'boolean', required: false, defaultValue: false, input: false },
      },
    },
    session: {
      modelName: 'auth_session',
      // Sliding expiry: a session unused for SESSION_IDLE_MINUTES ends; its absolute age is checked on read.
      expiresIn: config.SESSION_IDLE_MINUTES * 60,
      updateAge: Math.min(300, Math.floor((config.SESSION_IDLE_MINUTES * 60) / 4)),
    },
    account: { modelName: 'auth_account' },
    verification: { modelName: 'auth_verification' },
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10, maxPasswordLength: 256 },
    rateLimit: {
      enabled: true,
      window: 60,
      max: 300,
      storage: 'database',
      modelName: 'auth_rate_limit',
      customRules: { '/sign-in/email': { window: 60, max: 20 }, '/sign-in/social': { window: 60, max: 30 } },
    },
    advanced: {
      cookiePrefix: 'tracehound',
      useSecureCookies: base.startsWith('https://'),
      defaultCookieAttributes: { sameSite: 'lax', httpOnly: true },
      ipAddress: { ipAddressHeaders: ['x-forwarded-for'] },
    },
    telemetry: { enabled: false },
    plugins: config.OIDC_ISSUER
      ? [
          genericOAuth({
            config: [
              {
                providerId: OIDC_PROVIDER_ID,
                discoveryUrl: `${config.OIDC_ISSUER.replace(/\/$/, '')}/.well-known/openid-configuration`,
                clientId: config.OIDC_CLIENT_ID!,
                clientSecret: config.OIDC_CLIENT_SECRET,
                scopes: config.OIDC_SCOPES.split(/\s+/).filter(Boolean),
                pkce: true,
                requireIdTokenVerification: true,
              },
            ],
          }),
        ]
      : [],
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path === '/sign-in/email') {
          const email = String((ctx.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase();
          await assertNotLockedOut(pool, email, config.SIGNIN_MAX_FAILURES);
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        const ip = ctx.request?.headers.get('x-forwarded-for') ?? null;
        if (ctx.path === '/sign-in/email' || ctx.path.startsWith('/callback/')) {
          const session = ctx.context.newSession;
          const email = String((ctx.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase();
          if (session) {
            await recordAudit(pool, {
              actor: { kind: 'user', id: session.user.id, name: session.user.email },
              action: 'auth.sign-in',
              details: { method: ctx.path === '/sign-in/email' ? 'password' : 'oidc' },
              ip,
            });
          } else {
            await recordAudit(pool, {
              actor: { kind: 'anonymous', id: 'anonymous', name: email || 'unknown' },
              action: 'auth.sign-in',
              outcome: 'failure',
              target: email || null,
              details: { method: ctx.path === '/sign-in/email' ? 'password' : 'oidc' },
              ip,
            });
          }
        }
      }),
    },
  });
}

export type TracehoundAuth = ReturnType<typeof buildAuth>;

const GLOBAL_KEY = Symbol.for('tracehound.auth');
const POOL_KEY = Symbol.for('tracehound.auth-pool');
type GlobalWithAuth = typeof globalThis & { [GLOBAL_KEY]?: Promise<TracehoundAuth>; [POOL_KEY]?: Promise<Pool> };

/**
 * The connections of access checks: better-auth's sessions, API tokens, the audit entries of refusals. Their
 * own small pool, so a page load or an API call is not authenticated behind slow searches on the interactive
 * pool (and per-client query admission sees requests as they arrive).
 */
export function getAuthPool(): Promise<Pool> {
  const g = globalThis as GlobalWithAuth;
  if (!g[POOL_KEY]) {
    // better-auth's Kysely adapter expects node-postgres' default type parsing, not our bigint int8.
    g[POOL_KEY] = getDatabase().then((db) => db.createPool(AUTH_POOL_SIZE));
    g[POOL_KEY].catch(() => delete g[POOL_KEY]);
  }
  return g[POOL_KEY];
}

const AUTH_POOL_SIZE = 4;

export function getAuth(): Promise<TracehoundAuth> {
  const g = globalThis as GlobalWithAuth;
  if (!g[GLOBAL_KEY]) {
    g[GLOBAL_KEY] = (async () => {
      const config = getConfig();
      const pool = await getAuthPool();
      const secret = await loadAuthSecret(pool, config.TRACEHOUND_AUTH_SECRET);
      return buildAuth(config, pool, secret);
    })();
    g[GLOBAL_KEY].catch(() => delete g[GLOBAL_KEY]);
  }
  return g[GLOBAL_KEY];
}

/** Origins allowed to post to state-changing routes: the public URL's, the request's own, TRUSTED_ORIGINS. */
export function trustedOriginsFor(config: Config, request?: Request): string[] {
  const origins = new Set<string>([new URL(publicUrl(config)).origin, ...config.TRUSTED_ORIGINS]);
  if (request) {
    const host = request.headers.get('host');
    if (host) origins.add(`${new URL(request.url).protocol}//${host}`);
  }
  return [...origins];
}
