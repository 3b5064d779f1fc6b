// Per-stage CPU time of analyzeTrace's pipeline on one generated trace (median of runs), for finding where
// the time goes. Mirrors analyze-trace.ts step by step; keep the two in step.
import { resolveAnalysisOptions } from '../../lib/domain/analysis/analysis-options';
import { childrenByEndDesc } from '../../lib/domain/analysis/children-by-end';
import { correctClockSkew } from '../../lib/domain/analysis/clock-skew';
import { computeCriticalPath } from '../../lib/domain/analysis/critical-path';
import { callGroupFindings } from '../../lib/domain/analysis/findings/call-groups';
import { clockSkewFindings } from '../../lib/domain/analysis/findings/clock-skew-findings';
import { errorFindings } from '../../lib/domain/analysis/findings/error-findings';
import { latencyHotspotFindings } from '../../lib/domain/analysis/findings/latency-hotspot';
import { missingParentFindings } from '../../lib/domain/analysis/findings/missing-parent';
import { serviceCycleFindings } from '../../lib/domain/analysis/findings/service-cycles';
import { timeoutCascadeFindings } from '../../lib/domain/analysis/findings/timeout-cascade';
import { waitForFindings } from '../../lib/domain/analysis/findings/wait-for-cycles';
import { computeSelfTime, pathSelfTime } from '../../lib/domain/analysis/self-time';
import { buildSpanTable } from '../../lib/domain/analysis/span-table';
import { buildSpanTree } from '../../lib/domain/analysis/span-tree';
import type { TraceFacts } from '../../lib/domain/analysis/trace-facts';
import { pickLikelyCause } from '../../lib/domain/analysis/likely-cause';
import type { AnalysisSpan } from '../../lib/domain/analysis/analysis-span';

export function stageTimes(spans: readonly AnalysisSpan[], runs: number, warmup = 3): [string, number][] {
  const samples = new Map<string, number[]>();
  for (let r = 0; r < warmup + runs; r++) {
    let mark = process.cpuUsage();
    const lap = (stage: string) => {
      const used = process.cpuUsage(mark);
      mark = process.cpuUsage();
      if (r < warmup) return;
      const list = samples.get(stage) ?? [];
      list.push((used.user + used.system) / 1000);
      samples.set(stage, list);
    };
    const options = resolveAnalysisOptions();
    const table = buildSpanTable(spans);
    lap('span table');
    const tree = buildSpanTree(table);
    lap('span tree');
    const skew = correctClockSkew(table, tree, options);
    lap('clock skew');
    const byEnd = childrenByEndDesc(tree, skew.end, skew.start);
    lap('sort children by end');
    const criticalPath = computeCriticalPath(table, tree, byEnd, skew.start, skew.end);
    const self = pathSelfTime(table, criticalPath);
    lap('critical path');
    computeSelfTime(table, tree, byEnd, skew.start, skew.end);
    lap('self time');
    const facts: TraceFacts = { table, tree, skew, byEnd, criticalPath, pathSelfTimeBySpan: self.bySpan, hostOffsets: [], options };
    const findings = [...errorFindings(facts)];
    lap('findings: errors');
    findings.push(...timeoutCascadeFindings(facts));
    lap('findings: timeouts');
    findings.push(...latencyHotspotFindings(facts), ...missingParentFindings(facts));
    lap('findings: hotspots, parents');
    findings.push(...clockSkewFindings(facts));
    lap('findings: clock skew');
    findings.push(...callGroupFindings(facts));
    lap('findings: retry storms, N+1, fan-outs');
    findings.push(...serviceCycleFindings(facts), ...waitForFindings(facts));
    lap('findings: cycles, waits');
    pickLikelyCause({ table, tree, skew, findings });
    lap('likely cause');
  }
  return [...samples].map(([stage, list]) => [stage, list.sort((a, b) => a - b)[list.length >> 1]!]);
}
