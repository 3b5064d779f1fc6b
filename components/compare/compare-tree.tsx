'use client';
// The merged tree of a pair diff, virtualized like the trace waterfall: one row per aligned node, coloured by
// added / removed / changed, with A's and B's bars side by side, each on its own trace's timeline.
// Names and services are untrusted and rendered as text.
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef } from 'react';
import { CHANGE_ORDER, type CompareRows } from '@/lib/domain/compare/compare-rows';
import { formatDurationNs } from '@/lib/domain/time/format-duration';
import { serviceColor } from '@/components/trace/service-color';

const ROW_HEIGHT = 24;

export interface CompareTreeProps {
  rows: CompareRows;
  visible: Int32Array;
  collapsed: ReadonlySet<number>;
  selected: number;
  onSelect(node: number): void;
  onToggle(node: number): void;
}

function sideSpan(end: Float64Array): number {
  let max = 0;
  for (const e of end) if (e > max) max = e;
  return max || 1;
}

export function CompareTree({ rows, visible, collapsed, selected, onSelect, onToggle }: CompareTreeProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const totals = useMemo(() => ({ a: sideSpan(rows.end.a), b: sideSpan(rows.end.b) }), [rows]);
  const virtualizer = useVirtualizer({ count: visible.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const selectedRow = useMemo(() => visible.indexOf(selected), [visible, selected]);
  useEffect(() => {
    if (selectedRow >= 0) virtualizer.scrollToIndex(selectedRow, { align: 'auto' });
  }, [selectedRow, virtualizer]);
  return (
    <div className="compare-tree" style={{ flex: 1, display: 'flex', flexDirection: 'column', minWidth: 0 }}>
      <div className="compare-head">
        <div>Operation (count A → B)</div>
        <div>A: {formatDurationNs(BigInt(Math.round(totals.a)))}</div>
        <div>B: {formatDurationNs(BigInt(Math.round(totals.b)))}</div>
      </div>
      <div ref={scrollRef} className="compare-scroll" data-testid="compare-tree" role="grid" aria-rowcount={visible.length} tabIndex={0}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const node = visible[item.index]!;
            return (
              <CompareRow key={node} rows={rows} node={node} top={item.start} totals={totals} selected={node === selected} collapsed={collapsed.has(node)} onSelect={onSelect} onToggle={onToggle} />
            );
          })}
        </div>
      </div>
    </div>
  );
}

interface CompareRowProps {
  rows: CompareRows;
  node: number;
  top: number;
  totals: { a: number; b: number };
  selected: boolean;
  collapsed: boolean;
  onSelect(node: number): void;
  onToggle(node: number): void;
}

const CompareRow = memo(function CompareRow({ rows, node, top, totals, selected, collapsed, onSelect, onToggle }: CompareRowProps) {
  const change = CHANGE_ORDER[rows.change[node]!]!;
  const countA = rows.spanCount.a[node]!;
  const countB = rows.spanCount.b[node]!;
  const errors = rows.errors.b[node]! > rows.errors.a[node]!;
  return (
    <div
      className={`compare-row ${change}${selected ? ' selected' : ''}`}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      role="row"
      aria-selected={selected}
      data-testid="compare-row"
      data-change={change}
      data-node={node}
      onClick={() => onSelect(node)}
    >
      <div className="compare-row-name" style={{ paddingLeft: 4 + rows.depth[node]! * 14 }}>
        {rows.hasChildren[node] ? (
          <button
            type="button"
            className="span-row-toggle"
            aria-label={collapsed ? 'Expand' : 'Collapse'}
            aria-expanded={!collapsed}
            onClick={(event) => {
              event.stopPropagation();
              onToggle(node);
            }}
          >
            {collapsed ? '▸' : '▾'}
          </button>
        ) : (
          <span style={{ width: 16 }} />
        )}
        <span className="span-row-swatch" style={{ backgroundColor: serviceColor(rows.services[rows.service[node]!]) }} />
        <span className="span-row-service">{rows.services[rows.service[node]!]}</span>
        <span data-testid="compare-row-name">{rows.names[rows.name[node]!]}</span>
        <span className={errors ? 'errors' : 'muted'}>
          {countA === countB ? (countA > 1 ? ` ×${countA}` : '') : ` ×${countA}→${countB}`}
          {errors ? ' error' : ''}
        </span>
      </div>
      <SideBar start={rows.start.a[node]!} end={rows.end.a[node]!} total={totals.a} label="A" />
      <SideBar start={rows.start.b[node]!} end={rows.end.b[node]!} total={totals.b} label="B" />
    </div>
  );
});

function SideBar({ start, end, total, label }: { start: number; end: number; total: number; label: string }) {
  if (Number.isNaN(start)) return <div className="compare-row-bar" aria-label={`${label}: absent`} />;
  const left = Math.max(0, (start / total) * 100);
  const width = Math.max(((end - start) / total) * 100, 0.2);
  return (
    <div className="compare-row-bar" title={`${label}: ${formatDurationNs(BigInt(Math.round(end - start)))}`}>
      <span style={{ left: `${left}%`, width: `${width}%` }} />
    </div>
  );
}
