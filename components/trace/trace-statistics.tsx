'use client';
// Statistics per service and operation of this trace: count, errors, total, self time, average and maximum.
import { useMemo, useState } from 'react';
import { formatDurationNs } from '@/lib/domain/time/format-duration';
import { operationStatistics, type OperationStatistics } from '@/lib/domain/waterfall/span-statistics';
import type { WaterfallData } from '@/lib/domain/waterfall/waterfall-data';
import { serviceColor } from './service-color';

type Column = 'service' | 'operation' | 'count' | 'errors' | 'totalNs' | 'selfNs' | 'maxNs';
const COLUMNS: ReadonlyArray<[Column, string]> = [
  ['service', 'Service'],
  ['operation', 'Operation'],
  ['count', 'Count'],
  ['errors', 'Errors'],
  ['totalNs', 'Total'],
  ['selfNs', 'Self time'],
  ['maxNs', 'Max'],
];

const ns = (value: number) => formatDurationNs(BigInt(Math.round(value)));

export function TraceStatistics({ data }: { data: WaterfallData }) {
  const [sort, setSort] = useState<{ by: Column; descending: boolean }>({ by: 'selfNs', descending: true });
  const rows = useMemo(() => operationStatistics(data), [data]);
  const sorted = useMemo(() => {
    const sign = sort.descending ? -1 : 1;
    const value = (row: OperationStatistics) => row[sort.by];
    return [...rows].sort((a, b) => (value(a) < value(b) ? -1 : value(a) > value(b) ? 1 : 0) * sign);
  }, [rows, sort]);
  return (
    <div className="trace-statistics" data-testid="trace-statistics">
      <table className="data">
        <thead>
          <tr>
            {COLUMNS.map(([column, label]) => (
              <th key={column} aria-sort={sort.by === column ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                <button type="button" className="table-sort" onClick={() => setSort((s) => ({ by: column, descending: s.by === column ? !s.descending : true }))}>
                  {label}
                </button>
              </th>
            ))}
            <th>Average</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={`${row.service}\u0000${row.operation}`} data-testid="statistics-row">
              <td>
                <span className="span-row-swatch" style={{ backgroundColor: serviceColor(row.service) }} /> {row.service}
              </td>
              <td>{row.operation}</td>
              <td>{row.count}</td>
              <td className={row.errors > 0 ? 'error-text' : ''}>{row.errors}</td>
              <td>{ns(row.totalNs)}</td>
              <td>{ns(row.selfNs)}</td>
              <td>{ns(row.maxNs)}</td>
              <td>{ns(row.totalNs / row.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
