'use client';
// One waterfall row: indentation, collapse toggle, service colour, name; and the duration bar on the shared
// time axis with error marks, event markers, skew offset (on hover) and critical-path segments.
// All text is rendered as React text children: span names and services are untrusted.
import { memo } from 'react';
import { formatDurationNs } from '@/lib/domain/time/format-duration';
import { RowFlag, type WaterfallData } from '@/lib/domain/waterfall/waterfall-data';
import { serviceColor } from './service-color';
import type { Timeline } from './timeline';

export const ROW_HEIGHT = 24;

export interface SpanRowProps {
  data: WaterfallData;
  timeline: Timeline;
  position: number;
  /** Index among visible rows (for aria-rowindex). */
  rowIndex: number;
  top: number;
  selected: boolean;
  matched: boolean;
  collapsed: boolean;
  criticalPath: boolean;
  onSelect(node: number): void;
  onToggle(node: number): void;
}

export const SpanRow = memo(function SpanRow(props: SpanRowProps) {
  const { data, timeline, position, top, selected, matched, collapsed, criticalPath } = props;
  const node = data.tree.order[position]!;
  const depth = data.tree.depth[position]!;
  const flags = data.flags[node]!;
  const placeholder = (flags & RowFlag.PLACEHOLDER) !== 0;
  const hasChildren = data.tree.childCount[node]! > 0;
  const name = placeholder ? `missing parent ${data.tree.missingParentIds[node - data.tree.spanCount]}` : data.names[data.nameIndex[node]!]!;
  const service = placeholder ? '' : data.services[data.serviceIndex[node]!]!;
  const start = timeline.start[node]!;
  const end = timeline.end[node]!;
  const left = timeline.x(start);
  const width = Math.max(timeline.x(end) - left, 0.15);
  const offset = data.correctedStart[node]! - data.rawStart[node]!;
  const moved = (flags & RowFlag.MOVED) !== 0;
  const title = moved ? `shifted ${formatDurationNs(BigInt(Math.round(offset)))} for clock skew: ${data.skewReasonLabels[data.skewReasonCode[node]!] ?? 'clock skew'}` : undefined;
  const dim = criticalPath && (flags & RowFlag.CRITICAL) === 0;
  const className = ['span-row', selected && 'selected', matched && 'matched', placeholder && 'placeholder', flags & RowFlag.ERROR && 'error'].filter(Boolean).join(' ');
  const events: number[] = [];
  for (let e = data.eventOffset[node]!; e < data.eventOffset[node + 1]!; e++) events.push(data.eventTimes[e]! + offset);
  return (
    <div
      className={className}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      role="row"
      aria-selected={selected}
      aria-rowindex={props.rowIndex + 1}
      data-testid="span-row"
      data-node={node}
      data-depth={depth}
      onClick={() => props.onSelect(node)}
    >
      <div className="span-row-name" style={{ paddingLeft: 4 + depth * 14 }}>
        {hasChildren ? (
          <button
            type="button"
            className="span-row-toggle"
            aria-label={collapsed ? 'Expand' : 'Collapse'}
            aria-expanded={!collapsed}
            onClick={(event) => {
              event.stopPropagation();
              props.onToggle(node);
            }}
          >
            {collapsed ? '▸' : '▾'}
          </button>
        ) : (
          <span className="span-row-toggle" />
        )}
        <span className="span-row-swatch" style={{ backgroundColor: serviceColor(service) }} />
        <span className="span-row-service">{service}</span>
        <span className="span-row-label">{name}</span>
        {flags & RowFlag.ERROR ? (
          <span className="span-row-error" title="error">
            !
          </span>
        ) : null}
      </div>
      <div className="span-row-timeline" title={title}>
        <div className={`span-bar${dim ? ' dim' : ''}${moved ? ' moved' : ''}`} style={{ left: `${left}%`, width: `${width}%`, backgroundColor: serviceColor(service) }} />
        {criticalPath ? pathSegmentsOf(data, node, timeline) : null}
        {events.map((t, k) => (
          <div key={k} className="span-bar-event" style={{ left: `${timeline.x(t)}%` }} />
        ))}
        {/* Near the right edge the label goes before the bar, so it neither overlaps the bar nor is cut off. */}
        <span className="span-bar-label" style={left + width > LABEL_FLIP_AT ? { right: `${100 - left}%`, paddingRight: 4 } : { left: `${left + width}%` }}>
          {formatDurationNs(BigInt(Math.round(Math.max(0, end - start))))}
          {moved ? ` · skew ${formatDurationNs(BigInt(Math.round(offset)))}` : ''}
        </span>
      </div>
    </div>
  );
});

/** Percent of the bar column past which a bar's duration label goes before the bar (also the server preview's rows). */
export const LABEL_FLIP_AT = 82;

function pathSegmentsOf(data: WaterfallData, node: number, timeline: Timeline) {
  const out = [];
  for (let k = data.pathOffset[node]!; k < data.pathOffset[node + 1]!; k++) {
    const l = timeline.x(data.pathSegments[k * 2]!);
    const w = Math.max(timeline.x(data.pathSegments[k * 2 + 1]!) - l, 0.15);
    out.push(<div key={k} className="span-bar-critical" data-testid="critical-segment" style={{ left: `${l}%`, width: `${w}%` }} />);
  }
  return out;
}
