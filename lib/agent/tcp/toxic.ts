// Toxics of TCP routes, with Toxiproxy's names, attributes and semantics: `stream` is the direction
// (upstream = client → server, downstream = server → client, the default), `toxicity` the fraction of
// connections it applies to (rolled once per connection). Units as in Toxiproxy: latency/jitter/timeout in
// ms, bandwidth rate in KB/s, slicer delay in µs.
import { z } from 'zod';

const nonNegative = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .int(`${what} must be an integer`)
    .nonnegative(`${what} must not be negative`);

export const toxicAttributeSchemas = {
  latency: z.object({ latency: nonNegative('latency').max(600_000).default(0), jitter: nonNegative('jitter').max(600_000).default(0) }),
  bandwidth: z.object({ rate: nonNegative('rate').default(0) }),
  slicer: z.object({ average_size: nonNegative('average_size').default(0), size_variation: nonNegative('size_variation').default(0), delay: nonNegative('delay').default(0) }),
  limit_data: z.object({ bytes: nonNegative('bytes').default(0) }),
  reset_peer: z.object({ timeout: nonNegative('timeout').default(0) }),
  timeout: z.object({ timeout: nonNegative('timeout').default(0) }),
} as const;

export type ToxicType = keyof typeof toxicAttributeSchemas;
export const TOXIC_TYPES = Object.keys(toxicAttributeSchemas) as ToxicType[];

export const toxicBodySchema = z.object({
  name: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'name must be 1-64 letters, digits, _ . -')
    .optional(),
  type: z.enum(TOXIC_TYPES as [ToxicType, ...ToxicType[]], { error: `type must be one of ${TOXIC_TYPES.join(', ')}` }),
  stream: z.enum(['upstream', 'downstream'], { error: 'stream must be upstream or downstream' }).default('downstream'),
  toxicity: z.number().min(0, 'toxicity must be between 0 and 1').max(1, 'toxicity must be between 0 and 1').default(1),
  attributes: z.record(z.string(), z.unknown()).default({}),
});

export interface ToxicAttributes {
  latency?: number;
  jitter?: number;
  rate?: number;
  average_size?: number;
  size_variation?: number;
  delay?: number;
  bytes?: number;
  timeout?: number;
}

export interface Toxic {
  /** Registry id (unique across the agent); `name` is unique per proxy, as in Toxiproxy. */
  id: string;
  name: string;
  type: ToxicType;
  stream: 'upstream' | 'downstream';
  toxicity: number;
  attributes: ToxicAttributes;
  expiresAt: number;
}

export type ToxicBody = z.infer<typeof toxicBodySchema>;

/** Validates the type's attributes; returns the message of the first problem, or the parsed attributes. */
export function parseToxicAttributes(type: ToxicType, attributes: unknown): { ok: true; value: ToxicAttributes } | { ok: false; message: string } {
  const result = toxicAttributeSchemas[type].safeParse(attributes);
  return result.success ? { ok: true, value: result.data } : { ok: false, message: result.error.issues[0]!.message };
}

/** The toxic as Toxiproxy's API shows it (plus expires_at, which Toxiproxy clients ignore). */
export function toxicJson(toxic: Toxic) {
  return {
    name: toxic.name,
    type: toxic.type,
    stream: toxic.stream,
    toxicity: toxic.toxicity,
    attributes: toxic.attributes,
    expires_at: new Date(toxic.expiresAt).toISOString(),
  };
}
