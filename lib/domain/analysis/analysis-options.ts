// Tunables of the analysis, with the defaults documented in docs/analysis.md. Durations are nanoseconds.
import type { HostOffset } from './host-offset';

export interface AnalysisOptions {
  /** A host clock offset above this raises a clock-skew finding (SKEW_WARN_MS, default 50 ms). */
  skewWarnNs?: number;
  /** Offsets estimated across many traces (estimateHostOffsets); used to correct spans the per-trace rule cannot. */
  hostOffsets?: readonly HostOffset[];
  /**
   * A callee must outlive its failed caller by more than this to be a timeout cascade. Default 1 ms: SDKs
   * that anchor span clocks to Date.now() (OpenTelemetry JS) record ends up to ~1 ms off inside one service instance.
   */
  timeoutToleranceNs?: number;
  /**
   * Calls of one target to one downstream under one parent, made one after another, that make a retry storm
   * when they did not recover (the last failed), or failed this many times before recovering.
   */
  retryStormMinAttempts?: number;
  /** Calls of one target made one after another under one parent, mostly succeeding, that make an N+1. */
  nPlusOneMinCalls?: number;
  /** Concurrent calls from one parent to one service that make a fan-out burst. */
  fanOutMinConcurrent?: number;
  /** Self time on the critical path from which a hotspot degraded the request (severity warning, a possible cause). */
  hotspotWarnNs?: number;
  /** Share of the critical path one span's self time must reach to be a latency hotspot. */
  hotspotMinShare?: number;
  /** Cap per finding type so a pathological trace cannot produce megabytes of findings. */
  maxFindingsPerType?: number;
}

export type ResolvedAnalysisOptions = Required<Omit<AnalysisOptions, 'hostOffsets'>> & Pick<AnalysisOptions, 'hostOffsets'>;

export const DEFAULT_ANALYSIS_OPTIONS: ResolvedAnalysisOptions = {
  skewWarnNs: 50_000_000,
  timeoutToleranceNs: 1_000_000,
  retryStormMinAttempts: 3,
  nPlusOneMinCalls: 10,
  fanOutMinConcurrent: 10,
  hotspotMinShare: 0.4,
  hotspotWarnNs: 50_000_000,
  maxFindingsPerType: 100,
};

export function resolveAnalysisOptions(options: AnalysisOptions = {}): ResolvedAnalysisOptions {
  const out = { ...DEFAULT_ANALYSIS_OPTIONS };
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}
