// What counts as noise when two traces of the same request are compared: duration jitter under a threshold,
// spans that may or may not appear (caches), retry count variations, attributes that always vary. A diff
// reports only differences beyond the profile. Durations are nanoseconds. A profile is plain JSON, so it
// can be stored, sent to the API and passed to the CLI as a file.

export interface NoiseRule {
  /** A duration or self-time change up to this many ns is jitter. */
  durationNs?: number;
  /** A change in occurrence count up to this is a retry variation. */
  countDelta?: number;
  /** The node may be absent on either side. */
  optional?: boolean;
  /** Attribute keys whose changes are noise here. */
  ignoreAttributes?: string[];
}

/** Matches operations by service and span name; `*` at the end of either is a prefix match, absent = any. */
export interface OperationPattern {
  service?: string;
  name?: string;
}

export interface NoiseProfile {
  /** Jitter allowed on every node: up to durationNs, or up to durationRatio × A's duration, whichever is larger. */
  durationNs: number;
  durationRatio: number;
  countDelta: number;
  /** Operations that may appear or not (e.g. cache lookups), with everything under them. */
  optional: OperationPattern[];
  ignoreAttributes: string[];
  /** Rules for single aligned nodes, by node key (see DiffNode.key), e.g. learned from baseline pairs. */
  paths: Record<string, NoiseRule>;
}

/** Without a profile: 1 ms or 10 % of jitter, nothing optional. Identical traces still give an empty diff. */
export const DEFAULT_NOISE_PROFILE: NoiseProfile = { durationNs: 1_000_000, durationRatio: 0.1, countDelta: 0, optional: [], ignoreAttributes: [], paths: {} };

/** No tolerance at all: every difference is reported. */
export const STRICT_NOISE_PROFILE: NoiseProfile = { durationNs: 0, durationRatio: 0, countDelta: 0, optional: [], ignoreAttributes: [], paths: {} };

export function matchesOperation(patterns: readonly OperationPattern[], service: string, name: string): boolean {
  return patterns.some((p) => matchPart(p.service, service) && matchPart(p.name, name));
}

function matchPart(pattern: string | undefined, value: string): boolean {
  if (pattern === undefined) return true;
  return pattern.endsWith('*') ? value.startsWith(pattern.slice(0, -1)) : pattern === value;
}
