// One captured HTTP exchange as the agent ships it to the dashboard (POST /api/agent-captures) and as the
// dashboard returns it. Secrets are already scrubbed when a record exists (the agent scrubs at capture).
// Bodies are base64 of at most caps.maxCaptureBodyBytes bytes; `*Truncated` says the real body was longer
// (`*Size` is the real length); a null body with `*Withheld` set means it could not be scrubbed safely.
import { z } from 'zod';

const hex = (length: number) => z.string().regex(new RegExp(`^[0-9a-f]{${length}}$`), `must be ${length} lowercase hex digits`);
const headers = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

const body = {
  headers,
  body: z.string().nullable(),
  bodySize: z.number().int().nonnegative(),
  bodyTruncated: z.boolean(),
  bodyWithheld: z.string().nullable().default(null),
};

export const captureRecordSchema = z.strictObject({
  id: z.uuid(),
  agent: z.string().min(1).max(128),
  route: z.string().min(1).max(64),
  /** Set on the capture of a mirrored request: the trace id of the request it mirrors. */
  shadowOf: hex(32).nullable(),
  traceId: hex(32).nullable(),
  /** The agent's own span for this exchange (the upstream's server span is its child). */
  spanId: hex(16).nullable(),
  /** The caller's span (the client span whose traceparent came in). */
  parentSpanId: hex(16).nullable(),
  faultId: z.string().max(64).nullable(),
  startedAt: z.iso.datetime(),
  durationMs: z.number().nonnegative(),
  request: z.strictObject({ method: z.string().min(1).max(32), url: z.string().max(8192), ...body }),
  response: z.strictObject({ status: z.number().int().min(0).max(999), ...body }).nullable(),
  /** Why there is no response: upstream unreachable, client gave up, fault aborted... */
  error: z.string().max(1024).nullable(),
});

export type CaptureRecord = z.infer<typeof captureRecordSchema>;

export const captureBatchSchema = z.strictObject({ captures: z.array(captureRecordSchema).max(1000, 'at most 1000 captures per batch') });
