import 'server-only';
// Query parameters of GET /api/compare: two trace ids and an optional noise profile (JSON), each checked with
// a 400 naming the parameter.
import { DEFAULT_NOISE_PROFILE, type NoiseProfile } from '@/lib/domain/compare/noise-profile';
import { NoiseProfileError, parseNoiseProfile } from '@/lib/domain/compare/parse-noise-profile';
import { isValidTraceId, normalizeTraceId } from '@/lib/domain/model/ids';
import { AppError } from '../http/app-error';

export function parseComparePairParams(params: URLSearchParams): { ids: { a: string; b: string }; noise: NoiseProfile } {
  const id = (name: 'a' | 'b'): string => {
    const raw = params.get(name);
    if (!raw) throw new AppError('bad_request', `${name} is required: the id of the ${name === 'a' ? 'first' : 'second'} trace.`);
    const traceId = normalizeTraceId(raw);
    if (!isValidTraceId(traceId)) throw new AppError('bad_request', `${name} must be a trace id of 32 (or 16) hex characters, not all zero.`);
    return traceId;
  };
  const ids = { a: id('a'), b: id('b') };
  const noiseText = params.get('noise');
  if (noiseText === null) return { ids, noise: DEFAULT_NOISE_PROFILE };
  try {
    return { ids, noise: parseNoiseProfile(JSON.parse(noiseText)) };
  } catch (error) {
    const reason = error instanceof NoiseProfileError ? error.message : 'not valid JSON';
    throw new AppError('bad_request', `noise: ${reason}.`);
  }
}
