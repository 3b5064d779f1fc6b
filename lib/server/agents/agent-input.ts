import 'server-only';
// Request bodies of the agents API, validated at the boundary; errors name the field.
import { z } from 'zod';
import { AppError } from '../http/app-error';

export const AGENT_ENVIRONMENTS = ['production', 'staging', 'development', 'test'] as const;

export const registerAgentSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1-64 letters, digits, _ . -'),
  url: z.string().refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password;
    } catch {
      return false;
    }
  }, 'must be an http(s) URL without credentials (the agent control API)'),
  token: z.string().min(16, 'must be at least 16 characters (the agent control token)'),
  environment: z.enum(AGENT_ENVIRONMENTS, { error: `must be one of ${AGENT_ENVIRONMENTS.join(', ')}` }),
});

export const holdLeaseSchema = z.strictObject({
  holder: z.string().min(1).max(128),
  /** How long the dashboard keeps renewing; a chaos run passes its remaining duration plus recovery. */
  holdSeconds: z.number().int().positive().max(86_400, 'must be at most 86400 (24 h)'),
});

export function parseInput<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new AppError('bad_request', `${issue.path.join('.') || 'body'}: ${issue.message}`, { details: { field: issue.path.join('.') } });
}

export async function readJsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('bad_request', 'body must be JSON');
  }
}
