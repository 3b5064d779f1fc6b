// Clock offsets between host pairs from CLIENT→SERVER pairs. For a client span [cs, cr] on host A and its
// server span [ss, sr] on host B (each in its own host's clock), let θ = clock(B) − clock(A). The server cannot
// receive before the client sends (ss − θ ≥ cs) nor reply after the client receives (sr − θ ≤ cr), so
// sr − cr ≤ θ ≤ ss − cs. Every pair bounds θ from both sides; the estimate is the intersection of all bounds,
// reported as its midpoint ± half its width. Units: nanoseconds as doubles (differences, never epochs).
// Pairs are keyed with the two hosts in string order so A→B and B→A calls sharpen the same estimate.

export interface HostOffset {
  /** The host whose clock is measured. */
  host: string;
  /** The host it is measured against. */
  referenceHost: string;
  /** clock(host) − clock(referenceHost), nanoseconds. */
  offsetNs: number;
  /** The true offset lies within offsetNs ± errorBoundNs if the bounds are consistent. */
  errorBoundNs: number;
  samples: number;
  /** False when the bounds do not intersect (clock drift or bad data); the offset is then a best guess. */
  consistent: boolean;
}

/** Largest miss between bounds still read as measurement jitter rather than inconsistency. */
export const JITTER_NS = 10_000_000;

interface Bounds {
  referenceHost: string;
  host: string;
  lower: number;
  upper: number;
  samples: number;
}

export class HostOffsetAccumulator {
  // Nested by the two host names (string order) rather than a concatenated key: the names are the same
  // string objects call after call, so lookups hash nothing new and allocate nothing.
  private readonly pairs = new Map<string, Map<string, Bounds>>();

  /**
   * Adds one CLIENT (on clientHost) → SERVER (on serverHost) pair; times in any shared unit origin. When the
   * client failed it may have given up before the reply (a timeout), so the reply side bounds nothing: pass
   * replyReceived = false and only "the server cannot receive before the client sends" is used. slackNs
   * widens both bounds (the clock resolution of the two spans).
   */
  add(clientHost: string, serverHost: string, clientStart: number, clientEnd: number, serverStart: number, serverEnd: number, replyReceived = true, slackNs = 0): void {
    this.addBounds(clientHost, serverHost, replyReceived ? serverEnd - clientEnd - slackNs : -Infinity, serverStart - clientStart + slackNs, 1);
  }

  /**
   * Adds `samples` pairs between the same two hosts at once, as their combined bounds on
   * θ = clock(serverHost) − clock(clientHost): the largest lower bound (-Infinity when no reply bounded it)
   * and the smallest upper bound. Intersection is associative, so pre-aggregated groups give the same result.
   */
  addBounds(clientHost: string, serverHost: string, lowerBound: number, upperBound: number, samples: number): void {
    if (clientHost === serverHost) return;
    let lower = lowerBound;
    let upper = upperBound;
    let a = clientHost;
    let b = serverHost;
    if (clientHost > serverHost) {
      a = serverHost;
      b = clientHost;
      const flipped = -lower;
      lower = -upper;
      upper = flipped;
    }
    let inner = this.pairs.get(a);
    if (!inner) this.pairs.set(a, (inner = new Map()));
    const bounds = inner.get(b);
    if (!bounds) {
      inner.set(b, { referenceHost: a, host: b, lower, upper, samples });
    } else {
      if (lower > bounds.lower) bounds.lower = lower;
      if (upper < bounds.upper) bounds.upper = upper;
      bounds.samples += samples;
    }
  }

  result(): HostOffset[] {
    const out: HostOffset[] = [];
    for (const { referenceHost, host, lower, upper, samples } of [...this.pairs.values()].flatMap((inner) => [...inner.values()])) {
      // Only one-sided evidence so far (every call in one direction failed): no estimate yet.
      if (!Number.isFinite(lower) || !Number.isFinite(upper)) continue;
      out.push({
        host,
        referenceHost,
        offsetNs: Math.round((lower + upper) / 2),
        // Bounds that miss each other: either one may be the one that is off (a server span ending after its
        // reply pushes the reply-side bound up), so the estimate is good only to the whole miss either way.
        errorBoundNs: lower <= upper ? Math.ceil((upper - lower) / 2) : Math.ceil(lower - upper),
        samples,
        consistent: lower - upper <= JITTER_NS,
      });
    }
    return out.sort((a, b) => a.referenceHost.localeCompare(b.referenceHost) || a.host.localeCompare(b.host));
  }
}

/**
 * Whether a client got the server's reply, as far as statuses tell: a failed client whose server succeeded
 * most likely gave up (timed out) and the server answered later; a failed server's error most likely reached
 * the client.
 */
export function replyReceived(clientFailed: boolean, serverFailed: boolean): boolean {
  return !clientFailed || serverFailed;
}

/** True when the offset is beyond the threshold across its whole error interval (and the bounds agree). */
export function exceedsSkewThreshold(offset: HostOffset, thresholdNs: number): boolean {
  return offset.consistent && Math.abs(offset.offsetNs) - offset.errorBoundNs > thresholdNs;
}

/** θ = clock(to) − clock(from) from a table of estimates, or undefined when the pair was never measured. */
export function offsetBetween(offsets: ReadonlyMap<string, HostOffset>, from: string, to: string): number | undefined {
  if (from === to) return 0;
  const direct = offsets.get(`${from}\u0000${to}`);
  if (direct) return direct.referenceHost === from ? direct.offsetNs : -direct.offsetNs;
  return undefined;
}

/** Indexes estimates by both orientations of their host pair for offsetBetween. */
export function indexHostOffsets(offsets: readonly HostOffset[]): Map<string, HostOffset> {
  const map = new Map<string, HostOffset>();
  for (const o of offsets) {
    map.set(`${o.referenceHost}\u0000${o.host}`, o);
    map.set(`${o.host}\u0000${o.referenceHost}`, o);
  }
  return map;
}
