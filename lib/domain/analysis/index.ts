// Public surface of the analysis engine (framework-free; safe in a Web Worker).
export { analyzeTrace, type TraceAnalysis } from './analyze-trace';
export { DEFAULT_ANALYSIS_OPTIONS, type AnalysisOptions } from './analysis-options';
export type { AnalysisSpan } from './analysis-span';
export { buildDependencyGraph, type DependencyEdge, type DependencyGraph } from './dependency-graph';
export { estimateHostOffsets } from './estimate-host-offsets';
export { FINDING_TYPES, SEVERITIES, isFindingType, type Finding, type FindingType, type Severity } from './finding';
export { pickLikelyCause, type LikelyCause } from './likely-cause';
export { analyzeTraces } from './analyze-traces';
export { groupByTrace } from './group-by-trace';
export type { HostOffset } from './host-offset';
export type { PathSegment } from './critical-path';
export { traceReport, type TraceReport, type SpanReport, type HostOffsetReport } from './analysis-report';
export { SKEW_REASON_LABELS, SkewReason, skewReasonText, type SkewCorrection } from './clock-skew';
export { exceedsSkewThreshold } from './host-offset';
