import 'server-only';
// The body of POST /api/replays: the requests' source, the target (id or name) and the run's options.
import { z } from 'zod';
import { replayRequestSchema } from '@/lib/domain/replay/replay-request';

const traceId = z
  .string()
  .regex(/^[0-9a-f]{32}$/i, 'must be 32 hex digits')
  .transform((s) => s.toLowerCase());
const spanId = z
  .string()
  .regex(/^[0-9a-f]{16}$/i, 'must be 16 hex digits')
  .transform((s) => s.toLowerCase());

export const runSourceSchema = z.discriminatedUnion('kind', [
  /** Captured exchanges by capture id. */
  z.strictObject({ kind: z.literal('captures'), captureIds: z.array(z.uuid()).min(1).max(200) }),
  /** A trace's requests: the given spans (capture if any, else HTTP attributes), or all its captures. */
  z.strictObject({ kind: z.literal('trace'), traceId, spanIds: z.array(spanId).max(200).optional() }),
  z.strictObject({ kind: z.literal('import'), importId: z.uuid() }),
  /** The requests behind a search result: each trace's captures, else its root HTTP spans; traces without any are left out. */
  z.strictObject({ kind: z.literal('traces'), traceIds: z.array(traceId).min(1).max(100) }),
  /** Every capture (not shadow copies) that started in [from, to), optionally of one agent route. */
  z
    .strictObject({ kind: z.literal('window'), from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }), route: z.string().max(64).optional() })
    .refine((w) => Date.parse(w.from) < Date.parse(w.to), { message: 'from must be before to', path: ['from'] }),
  /** One request written or edited by hand (the request editor), optionally linked to its original. */
  z.strictObject({ kind: z.literal('request'), request: replayRequestSchema, originalTraceId: traceId.nullable().default(null), originalSpanId: spanId.nullable().default(null) }),
]);

export const runInputSchema = z.strictObject({
  target: z.string().min(1).max(64),
  source: runSourceSchema,
  options: z
    .strictObject({
      /** Send POST/PUT/PATCH/DELETE too (operator, non-production target, REPLAY_UNSAFE_ENABLED). */
      allowUnsafe: z.boolean().default(false),
      /** A second target each request is also sent to twice: what its two answers disagree on is noise (Diffy). */
      baseline: z.string().min(1).max(64).optional(),
      setHeaders: z.record(z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'header names are HTTP tokens'), z.string().max(8192)).default({}),
      removeHeaders: z.array(z.string().max(128)).max(64).default([]),
      ignorePaths: z.array(z.string().max(256)).max(64).default([]),
      ignoreHeaders: z.array(z.string().max(128)).max(64).default([]),
      requestsPerSecond: z.number().positive().max(50).default(5),
      /** Send at the recorded rhythm scaled by this percentage (200 = twice as fast) where recording times are known. */
      pacePercent: z.number().min(10).max(1000).optional(),
      /** Wait for the replayed traces: done when no span arrived for settleMs, or at settleDeadlineMs. 0 = do not wait. */
      settleMs: z.number().int().min(0).max(30_000).default(0),
      settleDeadlineMs: z.number().int().positive().max(120_000).default(30_000),
      maxRequests: z.number().int().positive().max(200).default(50),
      /** Requests in flight at once (their starts still follow the pace). */
      concurrency: z.number().int().min(1).max(8).default(1),
    })
    .default({
      allowUnsafe: false,
      setHeaders: {},
      removeHeaders: [],
      ignorePaths: [],
      ignoreHeaders: [],
      requestsPerSecond: 5,
      maxRequests: 50,
      concurrency: 1,
      settleMs: 0,
      settleDeadlineMs: 30_000,
    }),
});

export type RunInput = z.infer<typeof runInputSchema>;
export type RunSource = z.infer<typeof runSourceSchema>;
export type RunOptions = RunInput['options'];
