// The first screenful of the waterfall as the server read it (traceHead, issue #22): static rows that look
// like the waterfall's (same classes, indentation, service colour, bar on the trace's duration), shown from
// the HTML alone, before the page's JS boots and the worker has the whole trace. They are not interactive:
// the real rows (data-testid "span-row") replace them once the worker's tree exists.
// Names and services are untrusted: rendered as text children only.
import type { TraceHead, TraceHeadRow } from '@/lib/domain/model/trace-head';
import { StatusCode } from '@/lib/domain/model/span';
import { formatDurationNs } from '@/lib/domain/time/format-duration';
import { previewBar } from '@/lib/domain/waterfall/preview-bar';
import { serviceColor } from './service-color';
import { LABEL_FLIP_AT, ROW_HEIGHT } from './span-row';

export function TraceHeadPreview({ head }: { head: TraceHead }) {
  return (
    <div className="trace-body">
      <div className="waterfall" data-testid="waterfall-preview" aria-busy="true">
        <div className="time-axis" aria-hidden>
          <div className="time-axis-name">Service · operation</div>
          <div className="time-axis-ticks" />
        </div>
        <div className="waterfall-scroll" role="grid" aria-rowcount={head.rows.length}>
          <div style={{ height: head.rows.length * ROW_HEIGHT, position: 'relative' }}>
            {head.rows.map((row, i) => (
              <PreviewRow key={row.spanId} row={row} index={i} traceDurationNs={head.durationNs} />
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}

function PreviewRow({ row, index, traceDurationNs }: { row: TraceHeadRow; index: number; traceDurationNs: string }) {
  const bar = previewBar(row, traceDurationNs);
  const error = row.statusCode === StatusCode.ERROR;
  const colour = serviceColor(row.serviceName);
  return (
    <div
      className={`span-row span-row-preview${error ? ' error' : ''}`}
      style={{ transform: `translateY(${index * ROW_HEIGHT}px)`, height: ROW_HEIGHT }}
      role="row"
      aria-rowindex={index + 1}
      data-testid="span-row-preview"
      data-depth={row.depth}
    >
      <div className="span-row-name" style={{ paddingLeft: 4 + row.depth * 14 }}>
        <span className="span-row-toggle" />
        <span className="span-row-swatch" style={{ backgroundColor: colour }} />
        <span className="span-row-service">{row.serviceName}</span>
        <span className="span-row-label">{row.name}</span>
        {error ? (
          <span className="span-row-error" title="error">
            !
          </span>
        ) : null}
      </div>
      <div className="span-row-timeline">
        <div className="span-bar" style={{ left: `${bar.left}%`, width: `${bar.width}%`, backgroundColor: colour }} />
        <span className="span-bar-label" style={bar.left + bar.width > LABEL_FLIP_AT ? { right: `${100 - bar.left}%`, paddingRight: 4 } : { left: `${bar.left + bar.width}%` }}>
          {formatDurationNs(bar.durationNs)}
        </span>
      </div>
    </div>
  );
}
