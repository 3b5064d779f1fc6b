import 'server-only';
// LogQL text → AST, with parse errors as 400s that name the position and the unsupported part.
import { parseLogql } from '@/lib/domain/logql/parse-logql';
import { LogqlError, type LogQuery } from '@/lib/domain/logql/logql-ast';
import { AppError } from '../http/app-error';

export function parseLogQueryOrThrow(text: string): LogQuery {
  try {
    return parseLogql(text);
  } catch (error) {
    if (error instanceof LogqlError) {
      throw new AppError('bad_request', `LogQL: ${error.message}`, { details: { position: error.position } });
    }
    throw error;
  }
}
