import { describe, expect, it } from 'vitest';
import { countBySeverity, groupFindings } from './finding-groups';
import type { WaterfallFinding } from './waterfall-data';

const f = (type: string, severity: string | undefined, summary: string, spanIds: string[]): WaterfallFinding => ({ type, severity, summary, spanIds, services: [] });

describe('groupFindings', () => {
  it('groups identical findings with a count and orders groups by severity, then first appearance', () => {
    const findings = [
      f('latency-hotspot', 'info', 'db SELECT took 40% of the trace', ['h']),
      f('error-propagation', 'info', 'gateway failed because payment failed', ['g', 'p']),
      f('root-cause-error', 'critical', 'payment charge failed: card declined', ['p1']),
      f('root-cause-error', 'critical', 'payment charge failed: card declined', ['p2']),
      f('root-cause-error', 'critical', 'payment charge failed: card declined', ['p1']),
      f('retry-storm', 'warning', 'orders retried payment 3 times', ['o']),
      f('fan-out-burst', undefined, 'many calls', ['x']),
    ];
    const groups = groupFindings(findings);
    expect(groups.map((g) => [g.type, g.severity, g.count])).toEqual([
      ['root-cause-error', 'critical', 3],
      ['retry-storm', 'warning', 1],
      ['fan-out-burst', 'warning', 1],
      ['latency-hotspot', 'info', 1],
      ['error-propagation', 'info', 1],
    ]);
    expect(groups[0]!.spanIds).toEqual(['p1', 'p2']);
    expect(countBySeverity(findings)).toEqual({ critical: 3, warning: 2, info: 2 });
  });

  it('keeps findings with different summaries apart', () => {
    expect(groupFindings([f('root-cause-error', 'critical', 'a', []), f('root-cause-error', 'critical', 'b', [])])).toHaveLength(2);
  });
});
