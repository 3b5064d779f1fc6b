'use client';
// Tick labels for the bar column, from the same d3 scale the bars use.
import { formatDurationNs } from '@/lib/domain/time/format-duration';
import type { Timeline } from './timeline';

export function TimeAxis({ timeline }: { timeline: Timeline }) {
  const [lo] = timeline.full;
  const ticks = timeline.x.ticks(6);
  return (
    <div className="time-axis" aria-hidden>
      <div className="time-axis-name">Service · operation</div>
      <div className="time-axis-ticks">
        {ticks.map((t) => (
          <span key={t} className="time-axis-tick" style={{ left: `${timeline.x(t)}%` }}>
            {formatDurationNs(BigInt(Math.round(t - lo)))}
          </span>
        ))}
      </div>
    </div>
  );
}
