// Validates a noise profile read from a file or a request (untrusted JSON) and fills in the defaults.
// Throws a NoiseProfileError naming the field.
import { DEFAULT_NOISE_PROFILE, type NoiseProfile, type NoiseRule, type OperationPattern } from './noise-profile';

export class NoiseProfileError extends Error {}

export function parseNoiseProfile(input: unknown): NoiseProfile {
  const o = record(input, 'noise profile');
  const out: NoiseProfile = { ...DEFAULT_NOISE_PROFILE, optional: [], ignoreAttributes: [], paths: {} };
  for (const field of ['durationNs', 'durationRatio', 'countDelta'] as const) if (o[field] !== undefined) out[field] = nonNegative(o[field], field);
  if (o.optional !== undefined) out.optional = list(o.optional, 'optional').map((p, i) => pattern(p, `optional[${i}]`));
  if (o.ignoreAttributes !== undefined) out.ignoreAttributes = strings(o.ignoreAttributes, 'ignoreAttributes');
  if (o.paths !== undefined) {
    for (const [key, value] of Object.entries(record(o.paths, 'paths'))) out.paths[key] = rule(value, `paths[${JSON.stringify(key)}]`);
  }
  return out;
}

function rule(input: unknown, at: string): NoiseRule {
  const o = record(input, at);
  const r: NoiseRule = {};
  if (o.durationNs !== undefined) r.durationNs = nonNegative(o.durationNs, `${at}.durationNs`);
  if (o.countDelta !== undefined) r.countDelta = nonNegative(o.countDelta, `${at}.countDelta`);
  if (o.optional !== undefined) {
    if (typeof o.optional !== 'boolean') throw new NoiseProfileError(`${at}.optional must be true or false`);
    r.optional = o.optional;
  }
  if (o.ignoreAttributes !== undefined) r.ignoreAttributes = strings(o.ignoreAttributes, `${at}.ignoreAttributes`);
  return r;
}

function pattern(input: unknown, at: string): OperationPattern {
  const o = record(input, at);
  const p: OperationPattern = {};
  for (const field of ['service', 'name'] as const) {
    if (o[field] === undefined) continue;
    if (typeof o[field] !== 'string') throw new NoiseProfileError(`${at}.${field} must be a string`);
    p[field] = o[field];
  }
  return p;
}

function record(input: unknown, at: string): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new NoiseProfileError(`${at} must be a JSON object`);
  return input as Record<string, unknown>;
}

function list(input: unknown, at: string): unknown[] {
  if (!Array.isArray(input)) throw new NoiseProfileError(`${at} must be an array`);
  return input;
}

function strings(input: unknown, at: string): string[] {
  return list(input, at).map((v, i) => {
    if (typeof v !== 'string') throw new NoiseProfileError(`${at}[${i}] must be a string`);
    return v;
  });
}

function nonNegative(input: unknown, at: string): number {
  if (typeof input !== 'number' || !Number.isFinite(input) || input < 0) throw new NoiseProfileError(`${at} must be a number >= 0`);
  return input;
}
