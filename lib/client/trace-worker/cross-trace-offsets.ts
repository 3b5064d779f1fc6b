// Cross-trace host clock offsets for the trace page's analysis. The per-trace skew rule only sees spans that
// do not fit their parent; a child on a skewed host that happens to fit is corrected only with an offset
// estimated from many traces (GET /api/skew). The table is fetched by the worker for a window around the
// trace's start; any failure (HTTP error, timeout, bad JSON) means "analyse without it", never a broken page.
import type { HostOffset } from '@/lib/domain/analysis/host-offset';

/** The part of GET /api/skew's answer the page uses (nanoseconds as decimal strings on the wire). */
export interface SkewTableWire {
  warnThresholdNs: string;
  hosts: { host: string; referenceHost: string; offsetNs: string; errorBoundNs: string; samples: number; consistent: boolean }[];
}

export interface CrossTraceOffsets {
  hostOffsets: HostOffset[];
  /** The server's SKEW_WARN_MS in ns, so the page raises clock-skew findings by the same threshold as /api/skew. */
  skewWarnNs: number;
}

/** Half-width of the window around the trace's start whose CLIENT→SERVER pairs estimate the offsets. */
export const SKEW_WINDOW_NS = 15n * 60n * 1_000_000_000n;
/** The analysis waits at most this long for the table: it is only a refinement. */
export const SKEW_FETCH_TIMEOUT_MS = 3_000;

export function skewTableUrl(base: string, traceStartUnixNano: bigint): string {
  const url = new URL('/api/skew', base);
  url.searchParams.set('from', (traceStartUnixNano - SKEW_WINDOW_NS).toString());
  url.searchParams.set('to', (traceStartUnixNano + SKEW_WINDOW_NS).toString());
  return url.toString();
}

export function crossTraceOffsetsFrom(table: SkewTableWire): CrossTraceOffsets {
  return {
    skewWarnNs: Number(table.warnThresholdNs),
    hostOffsets: table.hosts.map((h) => ({
      host: h.host,
      referenceHost: h.referenceHost,
      offsetNs: Number(h.offsetNs),
      errorBoundNs: Number(h.errorBoundNs),
      samples: h.samples,
      consistent: h.consistent,
    })),
  };
}

export async function fetchCrossTraceOffsets(url: string, fetchImpl: typeof fetch = fetch, timeoutMs = SKEW_FETCH_TIMEOUT_MS): Promise<CrossTraceOffsets | null> {
  try {
    const response = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
    const table = (await response.json()) as SkewTableWire;
    if (!Array.isArray(table?.hosts)) throw new Error(`GET ${url}: no hosts table`);
    const offsets = crossTraceOffsetsFrom(table);
    if (!Number.isFinite(offsets.skewWarnNs) || offsets.hostOffsets.some((o) => !Number.isFinite(o.offsetNs) || !Number.isFinite(o.errorBoundNs))) {
      throw new Error(`GET ${url}: malformed offsets`);
    }
    return offsets;
  } catch (error) {
    console.warn('[trace worker] cross-trace skew table unavailable; analysing without it', error);
    return null;
  }
}
