// Every environment variable Tracehound reads, validated in one place. The README's configuration table
// mirrors this file; keep them in step.
import { z } from 'zod';

const positiveInt = (name: string) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .refine((n) => n > 0, `${name} must be greater than zero`);

const nonNegativeInt = (name: string) => z.string().regex(/^\d+$/, `${name} must be a whole number`).transform(Number);

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

const postgresUrl = z
  .string()
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'postgres:' || url.protocol === 'postgresql:';
    } catch {
      return false;
    }
  }, 'DATABASE_URL must be a postgres:// or postgresql:// URL, e.g. postgresql://user@127.0.0.1:5432/tracehound');

export const configSchema = z.object({
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
    .transform((v) => (v ? v.split(',').map((t) => t.trim()).filter(Boolean) : [])),
  MAX_REQUEST_BYTES: positiveInt('MAX_REQUEST_BYTES').default(16 * 1024 * 1024),
  /** Ingest pipeline: rows per multi-row write, rows held in memory before 429, concurrent writes, requests being read. */
  INGEST_BATCH_ROWS: positiveInt('INGEST_BATCH_ROWS').default(2000),
  INGEST_MAX_PENDING_ROWS: positiveInt('INGEST_MAX_PENDING_ROWS').default(50_000),
  INGEST_WRITE_CONCURRENCY: positiveInt('INGEST_WRITE_CONCURRENCY').default(4),
  INGEST_MAX_INFLIGHT_REQUESTS: positiveInt('INGEST_MAX_INFLIGHT_REQUESTS').default(64),
  /** Request bytes (compressed + decompressed) held by ingest requests at once before 429. */
  INGEST_MAX_INFLIGHT_BYTES: positiveInt('INGEST_MAX_INFLIGHT_BYTES').default(64 * 1024 * 1024),
  /** Characters kept of a string attribute value at ingest (OTel's AttributeValueLengthLimit); 0 = unlimited. */
  ATTRIBUTE_VALUE_LENGTH_LIMIT: nonNegativeInt('ATTRIBUTE_VALUE_LENGTH_LIMIT').default(65_536),
  /** Origins (scheme://host[:port]) whose pages may send telemetry (the OTel browser SDK); '*' = any. */
  CORS_ALLOWED_ORIGINS: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').map((o) => o.trim()).filter(Boolean) : []))
    .refine((origins) => origins.every((o) => o === '*' || isOrigin(o)), 'CORS_ALLOWED_ORIGINS must be comma-separated origins such as https://app.example.com (no path), or *'),
  SKEW_WARN_MS: positiveInt('SKEW_WARN_MS').default(50),
  /** Statement timeout for search and query-language requests (TraceQL, Jaeger API, service map). */
  QUERY_TIMEOUT_MS: positiveInt('QUERY_TIMEOUT_MS').default(15_000),
});

export type Config = z.infer<typeof configSchema>;
