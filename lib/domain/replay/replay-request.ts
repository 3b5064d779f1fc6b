// One request a replay sends, as stored and as the request editor shows it. Headers are lower-case names;
// the body is base64 (null = no body). `bodyUnknown` marks a request rebuilt from span attributes, whose
// body was never recorded. Values may hold {{secret.NAME}} placeholders the target's secrets fill in at send.
import { z } from 'zod';

export const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'] as const;
export const UNSAFE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;
export const REPLAY_METHODS = [...SAFE_METHODS, ...UNSAFE_METHODS] as const;
export type ReplayMethod = (typeof REPLAY_METHODS)[number];

export function isSafeMethod(method: string): boolean {
  return (SAFE_METHODS as readonly string[]).includes(method.toUpperCase());
}

export const replayRequestSchema = z.strictObject({
  method: z
    .string()
    .regex(/^[A-Za-z]{1,16}$/, 'must be an HTTP method name')
    .transform((m) => m.toUpperCase()),
  /** Path and query (an absolute URL's origin is dropped: the target decides where it goes). */
  url: z.string().min(1).max(8192),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().nullable().default(null),
  bodyUnknown: z.boolean().default(false),
});

export type ReplayRequest = z.infer<typeof replayRequestSchema>;

/** A recorded response to compare the replayed one with (from a capture, or only a status from a span). */
export interface RecordedResponse {
  status: number | null;
  headers: Record<string, string>;
  /** base64, or null when no body was recorded. */
  body: string | null;
  bodyTruncated: boolean;
}

/** The path and query of a request URL, whether it was stored absolute or not. */
export function pathOf(url: string): string {
  if (url.startsWith('/')) return url;
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  } catch {
    return `/${url}`;
  }
}
