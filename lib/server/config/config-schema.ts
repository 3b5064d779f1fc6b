// Every environment variable Tracehound reads, validated in one place. The README's configuration table
// mirrors this file; keep them in step.
import { z } from 'zod';

const positiveInt = (name: string) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .refine((n) => n > 0, `${name} must be greater than zero`);

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
  DB_POOL_SIZE: positiveInt('DB_POOL_SIZE').default(10),
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
  SKEW_WARN_MS: positiveInt('SKEW_WARN_MS').default(50),
  /** Statement timeout for search and query-language requests (TraceQL, Jaeger API, service map). */
  QUERY_TIMEOUT_MS: positiveInt('QUERY_TIMEOUT_MS').default(15_000),
  /** Background diagnosis: quiet time before a trace is analysed, round interval, traces per round, large trace. */
  DIAGNOSIS_SETTLE_SECONDS: positiveInt('DIAGNOSIS_SETTLE_SECONDS').default(30),
  DIAGNOSIS_INTERVAL_SECONDS: positiveInt('DIAGNOSIS_INTERVAL_SECONDS').default(10),
  DIAGNOSIS_BATCH: positiveInt('DIAGNOSIS_BATCH').default(20),
  DIAGNOSIS_LARGE_SPANS: positiveInt('DIAGNOSIS_LARGE_SPANS').default(20_000),
});

export type Config = z.infer<typeof configSchema>;
