// What a person types to open a trace: a 32- or 16-hex id, any case, with surrounding spaces — or anything else,
// which is not an id (null).
import { isValidTraceId, normalizeTraceId } from './ids';

export function traceIdFromInput(text: string): string | null {
  const id = normalizeTraceId(text);
  return isValidTraceId(id) ? id : null;
}
