// Validates a control API body with a zod schema; the first problem becomes a 400 naming the field.
import type { z } from 'zod';
import { AgentError } from './agent-error';

export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.join('.');
  // Messages that already name their field (ours do) are not prefixed twice.
  const message = field && !issue.message.startsWith(String(issue.path.at(-1))) ? `${field}: ${issue.message}` : issue.message;
  throw new AgentError(400, message);
}
