// Learns a noise profile from diffs of traces known to be the same request (e.g. two baseline replays, as
// Diffy does for responses): whatever differs between them is noise at that node. Each learned tolerance is
// the largest difference seen, times `margin`, on top of the base profile's.
import type { NoiseProfile, NoiseRule } from './noise-profile';
import { STRICT_NOISE_PROFILE } from './noise-profile';
import type { TraceDiff } from './trace-diff';

/** The diffs must have been computed with STRICT_NOISE_PROFILE, so that no difference was absorbed. */
export function learnNoiseProfile(baselineDiffs: readonly TraceDiff[], base: NoiseProfile = STRICT_NOISE_PROFILE, margin = 1.5): NoiseProfile {
  const paths: Record<string, NoiseRule> = { ...base.paths };
  for (const diff of baselineDiffs) {
    for (const node of diff.nodes) {
      if (node.change === 'unchanged') continue;
      const rule: NoiseRule = { ...(paths[node.key] ?? {}) };
      if (node.change === 'added' || node.change === 'removed') rule.optional = true;
      else {
        const countDelta = Math.abs(node.count.b - node.count.a);
        if (countDelta > 0) rule.countDelta = Math.max(rule.countDelta ?? 0, countDelta);
        const jitter = Math.max(Math.abs(node.durationNs.b - node.durationNs.a), Math.abs(node.selfTimeNs.b - node.selfTimeNs.a)) * margin;
        if (jitter > 0) rule.durationNs = Math.max(rule.durationNs ?? 0, jitter);
        if (node.attributes.length > 0) rule.ignoreAttributes = [...new Set([...(rule.ignoreAttributes ?? []), ...node.attributes.map((x) => x.key)])];
      }
      paths[node.key] = rule;
    }
  }
  return { ...base, paths };
}
