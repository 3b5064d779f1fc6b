// HTTP faults of Tracehound's own control API: what they do, which requests they hit (match + probability,
// the blast radius) and how long they last. `durationMs` is required and capped (caps.maxFaultMs): a fault
// that nobody removes still ends by itself.
import { z } from 'zod';

const headerValue = z.string().max(4096);
export const httpMatchSchema = z
  .strictObject({
    methods: z
      .array(
        z
          .string()
          .regex(/^[A-Za-z]+$/, 'must be an HTTP method')
          .transform((m) => m.toUpperCase()),
      )
      .optional(),
    /** Glob over the path (no query): `*` = any characters except `/`, `**` = anything. */
    path: z.string().startsWith('/', 'must start with /').max(1024).optional(),
    /** Every listed header must be present with exactly this value (names are case-insensitive). */
    headers: z.record(z.string(), headerValue).optional(),
  })
  .default({});

const base = {
  match: httpMatchSchema,
  probability: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').default(1),
  durationMs: z.number({ error: 'durationMs is required (the fault deadline, in ms)' }).int().positive('must be a positive number of ms'),
  /** The chaos run this fault belongs to, copied into the agent's spans as tracehound.run.id. */
  runId: z.string().max(128).optional(),
};
const ms = z.number().int().nonnegative('must be zero or more ms');

export const httpFaultSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...base, type: z.literal('latency'), delayMs: ms.max(600_000), jitterMs: ms.max(600_000).default(0), phase: z.enum(['request', 'response']).default('request') }),
  z.strictObject({
    ...base,
    type: z.literal('error'),
    status: z.number().int().min(400, 'must be 400-599').max(599, 'must be 400-599').default(503),
    body: z.string().max(65_536).default(''),
    headers: z.record(z.string(), headerValue).default({}),
  }),
  z.strictObject({ ...base, type: z.literal('abort') }),
  z.strictObject({ ...base, type: z.literal('hang') }),
  z.strictObject({ ...base, type: z.literal('bandwidth'), bytesPerSecond: z.number().int().positive('must be a positive number') }),
  z.strictObject({ ...base, type: z.literal('slow_body'), chunkBytes: z.number().int().positive().max(1_048_576).default(16), intervalMs: ms.max(60_000).default(100) }),
]);

export type HttpFaultSpec = z.infer<typeof httpFaultSchema>;
export type HttpFaultType = HttpFaultSpec['type'];
export type HttpMatch = z.infer<typeof httpMatchSchema>;

/** A fault as the agent holds it: the spec, its id and route, and when it ends. */
export interface ActiveHttpFault {
  id: string;
  route: string;
  spec: HttpFaultSpec;
  createdAt: number;
  expiresAt: number;
  /** Aborted when the fault is reverted: hung and delayed requests are let go at once. */
  released: AbortSignal;
}
