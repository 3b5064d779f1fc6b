'use client';
// Virtualized waterfall: only the rows in view (plus overscan) are in the DOM, each absolutely positioned in
// a spacer as tall as all visible rows, so 500k rows cost the same to render as 50.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { WaterfallData } from '@/lib/domain/waterfall/waterfall-data';
import { ROW_HEIGHT, SpanRow } from './span-row';
import type { Timeline } from './timeline';

export interface WaterfallRowsProps {
  data: WaterfallData;
  timeline: Timeline;
  rows: Int32Array;
  collapsed: ReadonlySet<number>;
  selectedNode: number;
  selectedRow: number;
  matchSet: ReadonlySet<number> | null;
  criticalPath: boolean;
  onSelect(node: number): void;
  onToggle(node: number): void;
}

export function WaterfallRows(props: WaterfallRowsProps) {
  const { data, timeline, rows, collapsed, selectedNode, selectedRow } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  useEffect(() => {
    if (selectedRow >= 0) virtualizer.scrollToIndex(selectedRow, { align: 'auto' });
  }, [selectedRow, virtualizer]);
  return (
    <div ref={scrollRef} className="waterfall-scroll" data-testid="waterfall" tabIndex={0} role="grid" aria-rowcount={rows.length}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const position = rows[item.index]!;
          const node = data.tree.order[position]!;
          return (
            <SpanRow
              key={node}
              data={data}
              timeline={timeline}
              position={position}
              rowIndex={item.index}
              top={item.start}
              selected={node === selectedNode}
              matched={props.matchSet?.has(node) ?? false}
              collapsed={collapsed.has(node)}
              criticalPath={props.criticalPath}
              onSelect={props.onSelect}
              onToggle={props.onToggle}
            />
          );
        })}
      </div>
    </div>
  );
}
