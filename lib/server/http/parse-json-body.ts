import 'server-only';
// A JSON request body checked against a zod schema: 415 for another content type, 400 for malformed JSON or
// a body that does not fit, naming the field.
import type { z } from 'zod';
import { AppError } from './app-error';

const MAX_BODY_BYTES = 1024 * 1024;

export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new AppError('unsupported_media_type', 'Send the body as Content-Type: application/json.');
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw new AppError('payload_too_large', 'The request body is larger than 1 MiB.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError('bad_request', 'The request body is not valid JSON.');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || 'body';
    throw new AppError('bad_request', `${field}: ${issue.message}`, { details: { field } });
  }
  return parsed.data;
}
