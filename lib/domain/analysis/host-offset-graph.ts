// Clock offsets between hosts that were never measured against each other directly, through hosts that were:
// if B is θ1 off A and C is θ2 off B, C is θ1 + θ2 off A, within the sum of the error bounds. Estimates are
// edges of a graph over hosts (consistent ones only); the offset between two hosts is taken along the path
// with the fewest hops (breadth-first, a direct estimate when there is one), so a host is never placed
// against another host's uncorrected clock when a chain of measurements connects them. Results are cached
// per source host; host counts are small (tens), so each search is cheap.
import type { HostOffset } from './host-offset';

export interface ChainedOffset {
  /** clock(to) − clock(from), nanoseconds. */
  offsetNs: number;
  errorBoundNs: number;
  samples: number;
  /** Hosts between from and to (empty for a direct estimate). */
  via: string[];
}

export class HostOffsetGraph {
  private readonly edges = new Map<string, { to: string; offsetNs: number; estimate: HostOffset }[]>();
  private readonly cache = new Map<string, Map<string, ChainedOffset>>();

  constructor(estimates: readonly HostOffset[]) {
    for (const e of estimates) {
      if (!e.consistent) continue;
      this.edge(e.referenceHost, e.host, e.offsetNs, e);
      this.edge(e.host, e.referenceHost, -e.offsetNs, e);
    }
  }

  get size(): number {
    return this.edges.size;
  }

  /** clock(to) − clock(from) along the fewest measured hops, or undefined when no chain connects them. */
  between(from: string, to: string): ChainedOffset | undefined {
    if (from === to) return { offsetNs: 0, errorBoundNs: 0, samples: 0, via: [] };
    let reached = this.cache.get(from);
    if (!reached) this.cache.set(from, (reached = this.search(from)));
    return reached.get(to);
  }

  private edge(from: string, to: string, offsetNs: number, estimate: HostOffset): void {
    let list = this.edges.get(from);
    if (!list) this.edges.set(from, (list = []));
    // Several estimates of one pair (this trace's, the cross-trace table's): the first given wins.
    if (!list.some((x) => x.to === to)) list.push({ to, offsetNs, estimate });
  }

  private search(from: string): Map<string, ChainedOffset> {
    const out = new Map<string, ChainedOffset>([[from, { offsetNs: 0, errorBoundNs: 0, samples: 0, via: [] }]]);
    const queue = [from];
    for (let head = 0; head < queue.length; head++) {
      const host = queue[head]!;
      const here = out.get(host)!;
      for (const { to, offsetNs, estimate } of this.edges.get(host) ?? []) {
        if (out.has(to)) continue;
        out.set(to, {
          offsetNs: here.offsetNs + offsetNs,
          errorBoundNs: here.errorBoundNs + estimate.errorBoundNs,
          samples: here.samples === 0 ? estimate.samples : Math.min(here.samples, estimate.samples),
          via: host === from ? [] : [...here.via, host],
        });
        queue.push(to);
      }
    }
    out.delete(from);
    return out;
  }
}
