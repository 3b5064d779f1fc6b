import 'server-only';
// Pages load their data with `.catch(notFoundWhenMissing)`: lib/server's AppError 'not_found' becomes Next's
// 404 page, anything else goes on to the error boundary. A catch handler rather than try/catch around the
// render, because JSX built inside try is not protected by it (components render later).
import { notFound } from 'next/navigation';
import { AppError } from '@/lib/server/http/app-error';

export function notFoundWhenMissing(error: unknown): never {
  if (error instanceof AppError && error.code === 'not_found') notFound();
  throw error;
}
