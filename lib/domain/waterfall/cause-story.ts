// The most likely cause told as a short story an on-call engineer can follow: where it started (the cause's
// span) → how it spread (one step per service the failure crossed on its way up) → what the caller saw (the
// trace's root). Every step names a node so the page can link it to its span.
import { RowFlag, nodeOfSpanId, type WaterfallData } from './waterfall-data';

export type StoryRole = 'started' | 'spread' | 'saw';

export interface StoryStep {
  role: StoryRole;
  node: number;
  service: string;
  name: string;
  error: boolean;
  /** Corrected duration in ns. */
  durationNs: number;
}

/** A long chain keeps the services nearest the cause and the root's; the rest is counted. */
export const MAX_SPREAD_STEPS = 4;

export interface CauseStory {
  steps: StoryStep[];
  /** Service hops left out of a long chain. */
  omitted: number;
}

export function buildCauseStory(data: WaterfallData, causeSpanId: string): CauseStory | null {
  const cause = nodeOfSpanId(data, causeSpanId);
  if (cause < 0) return null;
  const step = (role: StoryRole, node: number): StoryStep => ({
    role,
    node,
    service: data.serviceIndex[node]! >= 0 ? data.services[data.serviceIndex[node]!]! : 'unknown service',
    name: node < data.tree.spanCount ? data.names[data.nameIndex[node]!]! : '(missing span)',
    error: (data.flags[node]! & RowFlag.ERROR) !== 0,
    durationNs: data.correctedEnd[node]! - data.correctedStart[node]!,
  });
  const chain: number[] = [];
  // Bounded by the node count: a parent cycle cannot loop forever.
  for (let n = data.tree.parent[cause]!, guard = 0; n >= 0 && guard < data.tree.nodeCount; n = data.tree.parent[n]!, guard++) chain.push(n);
  const root = chain.length > 0 ? chain.pop()! : cause;
  const started = step('started', cause);
  const hops: StoryStep[] = [];
  let lastService = started.service;
  for (const n of chain) {
    const s = step('spread', n);
    // Within one service the failure did not spread anywhere new: only the first span of each service counts.
    if (s.service !== lastService) hops.push(s);
    lastService = s.service;
  }
  const saw = step('saw', root);
  if (hops.length > 0 && hops[hops.length - 1]!.service === saw.service) hops.pop();
  const omitted = Math.max(0, hops.length - MAX_SPREAD_STEPS);
  const spread = omitted > 0 ? hops.slice(0, MAX_SPREAD_STEPS) : hops;
  return { steps: root === cause ? [started] : [started, ...spread, saw], omitted };
}
