import 'server-only';
// The steady-state verdict: each hypothesis indicator's value during the faults against its bounds. Plain
// text with the evidence (values before and during), so the run page and the exported report say why.
import type { Indicator } from '@/lib/domain/chaos/experiment-schema';
import type { IndicatorValue } from '@/lib/domain/chaos/run-view';

export function steadyStateVerdict(indicators: readonly Indicator[], before: readonly IndicatorValue[], during: readonly IndicatorValue[]): string {
  if (indicators.length === 0) return 'no steady-state indicators defined';
  const deviations: string[] = [];
  const evidence: string[] = [];
  indicators.forEach((indicator, i) => {
    const value = during[i]?.value ?? null;
    const was = before[i]?.value ?? null;
    evidence.push(`${indicator.name} (${indicator.metric}) ${format(was)} → ${format(value)}`);
    if (value === null) return;
    if (indicator.max !== undefined && value > indicator.max) deviations.push(`${indicator.name} ${format(value)} > ${indicator.max}`);
    if (indicator.min !== undefined && value < indicator.min) deviations.push(`${indicator.name} ${format(value)} < ${indicator.min}`);
  });
  return deviations.length ? `steady state deviated: ${deviations.join('; ')} (${evidence.join('; ')})` : `steady state held (${evidence.join('; ')})`;
}

function format(value: number | null): string {
  return value === null ? 'no spans' : Number.isInteger(value) ? String(value) : value.toFixed(3);
}
