'use client';
// Every span of the trace as a sortable, virtualized table (service, operation, duration, self time, start,
// status), as Jaeger UI's trace table offers. A click selects the span and opens its details.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { formatDurationNs } from '@/lib/domain/time/format-duration';
import { selfTimes } from '@/lib/domain/waterfall/span-statistics';
import { RowFlag, type WaterfallData } from '@/lib/domain/waterfall/waterfall-data';
import { serviceColor } from './service-color';

type Column = 'service' | 'operation' | 'duration' | 'self' | 'start';
const ROW = 24;

const ns = (value: number) => formatDurationNs(BigInt(Math.round(Math.max(0, value))));

export function SpanTable({ data, selectedNode, onSelect }: { data: WaterfallData; selectedNode: number; onSelect(node: number): void }) {
  const [sort, setSort] = useState<{ by: Column; descending: boolean }>({ by: 'duration', descending: true });
  const self = useMemo(() => selfTimes(data), [data]);
  const order = useMemo(() => {
    const nodes: number[] = [];
    for (let v = 0; v < data.tree.spanCount; v++) if (!(data.flags[v]! & RowFlag.PLACEHOLDER)) nodes.push(v);
    const key: Record<Column, (v: number) => number | string> = {
      service: (v) => data.services[data.serviceIndex[v]!] ?? '',
      operation: (v) => data.names[data.nameIndex[v]!] ?? '',
      duration: (v) => data.correctedEnd[v]! - data.correctedStart[v]!,
      self: (v) => self[v]!,
      start: (v) => data.correctedStart[v]!,
    };
    const of = key[sort.by];
    const sign = sort.descending ? -1 : 1;
    return nodes.sort((a, b) => {
      const x = of(a);
      const y = of(b);
      return (x < y ? -1 : x > y ? 1 : a - b) * sign;
    });
  }, [data, self, sort]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: order.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW, overscan: 12 });
  const traceStart = useMemo(() => {
    let earliest = Infinity;
    for (let v = 0; v < data.tree.spanCount; v++) earliest = Math.min(earliest, data.correctedStart[v]!);
    return Number.isFinite(earliest) ? earliest : 0;
  }, [data]);
  // aria-sort belongs to the column header, not to the button inside it (a button has no sort state).
  const header = (column: Column, label: string) => (
    <span role="columnheader" aria-sort={sort.by === column ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      <button
        type="button"
        className="table-sort"
        onClick={() => setSort((s) => ({ by: column, descending: s.by === column ? !s.descending : column !== 'service' && column !== 'operation' && column !== 'start' }))}
      >
        {label}
        {sort.by === column ? (sort.descending ? ' ▾' : ' ▴') : ''}
      </button>
    </span>
  );
  return (
    <div className="span-table" data-testid="span-table" role="table" aria-rowcount={order.length}>
      <div className="span-table-row span-table-head" role="row">
        {header('service', 'Service')}
        {header('operation', 'Operation')}
        {header('duration', 'Duration')}
        {header('self', 'Self time')}
        {header('start', 'Start')}
      </div>
      <div ref={scrollRef} className="span-table-scroll">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const v = order[item.index]!;
            const service = data.services[data.serviceIndex[v]!] ?? '';
            return (
              <div
                key={v}
                role="row"
                data-testid="span-table-row"
                className={`span-table-row${v === selectedNode ? ' selected' : ''}${data.flags[v]! & RowFlag.ERROR ? ' error' : ''}`}
                style={{ top: item.start, position: 'absolute', left: 0, right: 0 }}
                onClick={() => onSelect(v)}
              >
                <span role="cell">
                  <span className="span-row-swatch" style={{ backgroundColor: serviceColor(service) }} /> {service}
                </span>
                <span role="cell" className="span-table-op">
                  {data.names[data.nameIndex[v]!]}
                </span>
                <span role="cell">{ns(data.correctedEnd[v]! - data.correctedStart[v]!)}</span>
                <span role="cell">{ns(self[v]!)}</span>
                <span role="cell" className="muted">
                  +{ns(data.correctedStart[v]! - traceStart)}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
