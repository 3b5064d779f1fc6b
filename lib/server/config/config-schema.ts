// Every environment variable Tracehound reads, validated in one place. The README's configuration table
// mirrors this file; keep them in step.
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { DEFAULT_OTLP_LOG_INDEX_LABELS } from '@/lib/domain/otlp/otlp-log-labels';

const positiveInt = (name: string) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .refine((n) => n > 0, `${name} must be greater than zero`);

/**
 * Concurrent ingest writes by default: one per core, 2 to 4. PostgreSQL usually shares the host, and on two cores
 * four INSERTs at once kept both busy while the event loop waited for a core (a 429 took 11–12 ms at the median
 * under overload against 4–6 ms with two writers, at the same throughput: docs/performance.md, ingest, ninth pass).
 */
const defaultWriteConcurrency = (): number => Math.min(4, Math.max(2, availableParallelism()));

const nonNegativeInt = (name: string) => z.string().regex(/^\d+$/, `${name} must be a whole number`).transform(Number);

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

const postgresUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return url.protocol === 'postgres:' || url.protocol === 'postgresql:';
  } catch {
    return false;
  }
}, 'DATABASE_URL must be a postgres:// or postgresql:// URL, e.g. postgresql://user@127.0.0.1:5432/tracehound');

export const configSchema = z
  .object({
    DATABASE_URL: postgresUrl.optional(),
    TRACEHOUND_DATA_DIR: z.string().min(1).default('.data'),
    RETENTION_DAYS: positiveInt('RETENTION_DAYS').default(7),
    RETENTION_INTERVAL_MINUTES: positiveInt('RETENTION_INTERVAL_MINUTES').default(60),
    /** Connections for interactive queries; ingest and background jobs have their own (below). */
    DB_POOL_SIZE: positiveInt('DB_POOL_SIZE').default(10),
    DB_INGEST_POOL_SIZE: positiveInt('DB_INGEST_POOL_SIZE').default(4),
    DB_BACKGROUND_POOL_SIZE: positiveInt('DB_BACKGROUND_POOL_SIZE').default(2),
    /** Expensive queries (searches, LogQL, service maps) one client may run at once before 429. */
    QUERY_MAX_CONCURRENT_PER_CLIENT: positiveInt('QUERY_MAX_CONCURRENT_PER_CLIENT').default(4),
    INGEST_TOKENS: z
      .string()
      .optional()
      .transform((v) =>
        v
          ? v
              .split(',')
              .map((t) => t.trim())
              .filter(Boolean)
          : [],
      ),
    /** Require a token on ingest even without INGEST_TOKENS (managed API tokens are then the only credentials). */
    INGEST_REQUIRE_TOKEN: z
      .enum(['true', 'false'], { message: 'INGEST_REQUIRE_TOKEN must be true or false' })
      .default('false')
      .transform((v) => v === 'true'),
    MAX_REQUEST_BYTES: positiveInt('MAX_REQUEST_BYTES').default(16 * 1024 * 1024),
    /** The OTLP/gRPC receiver's port (0 = no gRPC receiver); it binds to the same interfaces as the HTTP server. */
    OTLP_GRPC_PORT: nonNegativeInt('OTLP_GRPC_PORT')
      .refine((n) => n <= 65535, 'OTLP_GRPC_PORT must be at most 65535')
      .default(4317),
    /** Ingest pipeline: rows per multi-row write, rows held in memory before 429, concurrent writes, requests being read. */
    INGEST_BATCH_ROWS: positiveInt('INGEST_BATCH_ROWS').default(2000),
    INGEST_MAX_PENDING_ROWS: positiveInt('INGEST_MAX_PENDING_ROWS').default(16_000),
    INGEST_WRITE_CONCURRENCY: positiveInt('INGEST_WRITE_CONCURRENCY').default(defaultWriteConcurrency),
    INGEST_MAX_INFLIGHT_REQUESTS: positiveInt('INGEST_MAX_INFLIGHT_REQUESTS').default(64),
    /** Worker threads decoding OTLP trace exports off the main thread; 0 decodes in the request's thread. */
    INGEST_DECODE_THREADS: nonNegativeInt('INGEST_DECODE_THREADS').default(1),
    /** Niceness of those worker threads (0–19, above the event loop's 0): decoding yields the CPU to accepting and answering requests. */
    INGEST_DECODE_NICE: nonNegativeInt('INGEST_DECODE_NICE')
      .refine((n) => n <= 19, 'INGEST_DECODE_NICE must be at most 19')
      .default(10),
    /** Request bytes (compressed + decompressed) held by ingest requests at once before 429. */
    INGEST_MAX_INFLIGHT_BYTES: positiveInt('INGEST_MAX_INFLIGHT_BYTES').default(64 * 1024 * 1024),
    /** A request refused before its body is read keeps its connection (the body is discarded) up to this declared length; 0 = always close. */
    INGEST_REFUSAL_KEEPALIVE_BYTES: nonNegativeInt('INGEST_REFUSAL_KEEPALIVE_BYTES').default(4 * 1024 * 1024),
    /** Characters kept of a string attribute value at ingest (OTel's AttributeValueLengthLimit); 0 = unlimited. */
    ATTRIBUTE_VALUE_LENGTH_LIMIT: nonNegativeInt('ATTRIBUTE_VALUE_LENGTH_LIMIT').default(65_536),
    /** Origins (scheme://host[:port]) whose pages may send telemetry (the OTel browser SDK); '*' = any. */
    CORS_ALLOWED_ORIGINS: z
      .string()
      .optional()
      .transform((v) =>
        v
          ? v
              .split(',')
              .map((o) => o.trim())
              .filter(Boolean)
          : [],
      )
      .refine((origins) => origins.every((o) => o === '*' || isOrigin(o)), 'CORS_ALLOWED_ORIGINS must be comma-separated origins such as https://app.example.com (no path), or *'),
    /** Resource attributes of OTLP logs stored as stream labels (comma-separated); the rest are structured metadata. Loki's default set. */
    OTLP_LOG_INDEX_LABELS: z
      .string()
      .optional()
      .transform((v) =>
        v === undefined
          ? [...DEFAULT_OTLP_LOG_INDEX_LABELS]
          : v
              .split(',')
              .map((t) => t.trim())
              .filter(Boolean),
      )
      .refine((names) => names.every((n) => n.length <= 256 && !/[\s"{}=]/.test(n)), 'OTLP_LOG_INDEX_LABELS must be comma-separated attribute names such as service.name,k8s.pod.name'),
    /** Live tail (/loki/api/v1/tail): WebSocket connections open at once (more get 429), and how often each polls the store. */
    TAIL_MAX_CONNECTIONS: positiveInt('TAIL_MAX_CONNECTIONS').default(32),
    TAIL_POLL_MS: positiveInt('TAIL_POLL_MS')
      .refine((n) => n >= 100 && n <= 60_000, 'TAIL_POLL_MS must be between 100 and 60000')
      .default(1000),
    SKEW_WARN_MS: positiveInt('SKEW_WARN_MS').default(50),
    /** Statement timeout for search and query-language requests (TraceQL, Jaeger API, service map). */
    QUERY_TIMEOUT_MS: positiveInt('QUERY_TIMEOUT_MS').default(15_000),
    /** Spans a pinned trace keeps in its investigation snapshot (pinned spans, their ancestors and errors first). */
    INVESTIGATION_SNAPSHOT_MAX_SPANS: positiveInt('INVESTIGATION_SNAPSHOT_MAX_SPANS').default(2000),

    // Accounts and access (README "Accounts and access").
    /** `on` (default): sign-in, roles and tenants are enforced. `off`: anonymous admin, for a laptop only. */
    AUTH_MODE: z.enum(['on', 'off'], { message: 'AUTH_MODE must be "on" or "off"' }).default('on'),
    /** Public URL of the dashboard (OIDC redirect URI and cookie security derive from it). */
    TRACEHOUND_URL: z.url({ message: 'TRACEHOUND_URL must be an absolute URL, e.g. https://tracehound.example.com' }).optional(),
    /** Signs session cookies; at least 32 characters. Unset: generated once and kept in the database. */
    TRACEHOUND_AUTH_SECRET: z.string().min(32, 'TRACEHOUND_AUTH_SECRET must be at least 32 characters').optional(),
    TRACEHOUND_ADMIN_EMAIL: z.email({ message: 'TRACEHOUND_ADMIN_EMAIL must be an email address' }).optional(),
    TRACEHOUND_ADMIN_PASSWORD: z.string().min(10, 'TRACEHOUND_ADMIN_PASSWORD must be at least 10 characters').optional(),
    /** An admin API token created at startup when absent (CI, containers); at least 32 characters. */
    TRACEHOUND_BOOTSTRAP_TOKEN: z.string().min(32, 'TRACEHOUND_BOOTSTRAP_TOKEN must be at least 32 characters').optional(),
    /** Sessions end after this long without a request, and in any case this long after sign-in. */
    SESSION_IDLE_MINUTES: positiveInt('SESSION_IDLE_MINUTES').default(12 * 60),
    SESSION_MAX_HOURS: positiveInt('SESSION_MAX_HOURS').default(7 * 24),
    /** Failed sign-ins of one account within 15 minutes before it is locked for 15 minutes. */
    SIGNIN_MAX_FAILURES: positiveInt('SIGNIN_MAX_FAILURES').default(5),
    /** OpenID Connect SSO: issuer URL (its /.well-known/openid-configuration is read), client id and secret. */
    OIDC_ISSUER: z.url({ message: 'OIDC_ISSUER must be an absolute URL' }).optional(),
    OIDC_CLIENT_ID: z.string().optional(),
    OIDC_CLIENT_SECRET: z.string().optional(),
    OIDC_PROVIDER_NAME: z.string().default('SSO'),
    OIDC_SCOPES: z.string().default('openid email profile'),
    /** Role of an account created by its first SSO sign-in. */
    OIDC_DEFAULT_ROLE: z.enum(['viewer', 'responder', 'operator', 'admin'], { message: 'OIDC_DEFAULT_ROLE must be viewer, responder, operator or admin' }).default('viewer'),
    /** Further origins allowed to send state-changing requests (comma-separated), besides TRACEHOUND_URL's. */
    TRUSTED_ORIGINS: z
      .string()
      .optional()
      .transform((v) =>
        v
          ? v
              .split(',')
              .map((t) => t.trim())
              .filter(Boolean)
          : [],
      ),
    /** Chaos experiments and replays of unsafe methods act on running systems: off unless enabled, never with AUTH_MODE=off. */
    CHAOS_ENABLED: z
      .enum(['true', 'false'], { message: 'CHAOS_ENABLED must be true or false' })
      .default('false')
      .transform((v) => v === 'true'),
    /** Longest chaos run an operator may start, in seconds (experiments above it are refused). */
    CHAOS_MAX_DURATION_SECONDS: positiveInt('CHAOS_MAX_DURATION_SECONDS').default(900),
    /** Chaos against agents labelled `production` is refused unless this is true (and then needs a typed confirmation). */
    CHAOS_PRODUCTION_ENABLED: z
      .enum(['true', 'false'], { message: 'CHAOS_PRODUCTION_ENABLED must be true or false' })
      .default('false')
      .transform((v) => v === 'true'),
    /** How often each instance advances active chaos runs and evaluates their stop conditions, in ms. */
    CHAOS_TICK_MS: positiveInt('CHAOS_TICK_MS').default(2000),
    REPLAY_UNSAFE_ENABLED: z
      .enum(['true', 'false'], { message: 'REPLAY_UNSAFE_ENABLED must be true or false' })
      .default('false')
      .transform((v) => v === 'true'),
    /** Background diagnosis: quiet time before a trace is analysed, round interval, traces per round, large trace. */
    DIAGNOSIS_SETTLE_SECONDS: positiveInt('DIAGNOSIS_SETTLE_SECONDS').default(30),
    DIAGNOSIS_INTERVAL_SECONDS: positiveInt('DIAGNOSIS_INTERVAL_SECONDS').default(10),
    DIAGNOSIS_BATCH: positiveInt('DIAGNOSIS_BATCH').default(20),
    DIAGNOSIS_LARGE_SPANS: positiveInt('DIAGNOSIS_LARGE_SPANS').default(20_000),
    /** Encrypts replay-target secrets at rest (AES-256-GCM, key = SHA-256 of this); at least 32 characters. Unset: targets cannot hold secrets. */
    REPLAY_SECRETS_KEY: z.string().min(32, 'REPLAY_SECRETS_KEY must be at least 32 characters').optional(),
    /** Each replayed request: whole-exchange timeout, and bytes of response body kept (the rest is cut off). */
    REPLAY_TIMEOUT_MS: positiveInt('REPLAY_TIMEOUT_MS').default(10_000),
    REPLAY_MAX_RESPONSE_BYTES: positiveInt('REPLAY_MAX_RESPONSE_BYTES').default(1024 * 1024),
  })
  .superRefine((c, ctx) => {
    if (c.AUTH_MODE === 'off' && c.CHAOS_ENABLED)
      ctx.addIssue({ code: 'custom', path: ['CHAOS_ENABLED'], message: 'CHAOS_ENABLED=true needs AUTH_MODE=on (anonymous users must not break running systems)' });
    if (c.AUTH_MODE === 'off' && c.REPLAY_UNSAFE_ENABLED) ctx.addIssue({ code: 'custom', path: ['REPLAY_UNSAFE_ENABLED'], message: 'REPLAY_UNSAFE_ENABLED=true needs AUTH_MODE=on' });
    if (c.OIDC_ISSUER && !c.OIDC_CLIENT_ID) ctx.addIssue({ code: 'custom', path: ['OIDC_CLIENT_ID'], message: 'OIDC_CLIENT_ID is required when OIDC_ISSUER is set' });
    if (c.TRACEHOUND_ADMIN_EMAIL && !c.TRACEHOUND_ADMIN_PASSWORD)
      ctx.addIssue({ code: 'custom', path: ['TRACEHOUND_ADMIN_PASSWORD'], message: 'TRACEHOUND_ADMIN_PASSWORD is required with TRACEHOUND_ADMIN_EMAIL' });
  });

export type Config = z.infer<typeof configSchema>;
