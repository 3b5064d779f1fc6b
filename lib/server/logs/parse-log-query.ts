import 'server-only';
// LogQL text → AST, with parse errors as 400s that name the position and the unsupported part.
import { parseLogql } from '@/lib/domain/logql/parse-logql';
import { parseLogqlExpr } from '@/lib/domain/logql/parse-logql-expr';
import { LogqlError, type LogQuery, type LogqlExpr } from '@/lib/domain/logql/logql-ast';
import { AppError } from '../http/app-error';

function orBadRequest<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof LogqlError) {
      throw new AppError('bad_request', `LogQL: ${error.message}`, { details: { position: error.position } });
    }
    throw error;
  }
}

/** Log queries only (the logs page, histograms, label endpoints). */
export function parseLogQueryOrThrow(text: string): LogQuery {
  return orBadRequest(() => parseLogql(text));
}

/** Log queries or the supported metric subset (Loki's query endpoints). */
export function parseLogqlExprOrThrow(text: string): LogqlExpr {
  return orBadRequest(() => parseLogqlExpr(text));
}
