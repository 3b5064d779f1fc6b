'use client';
// On the trace page: the investigations that cite this trace. Inline in the header's button row, so its late
// arrival does not shift the waterfall and minimap below (no layout jump under a user's drag).
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { investigationListQuery } from '@/lib/client/investigations-api';

export function TraceInvestigations({ traceId }: { traceId: string }) {
  const list = useQuery(investigationListQuery({ traceId }));
  if (!list.data || list.data.length === 0) return null;
  return (
    <span className="trace-investigations" data-testid="trace-investigations">
      In investigation{list.data.length === 1 ? '' : 's'}:{' '}
      {list.data.map((i, k) => (
        <span key={i.id}>
          {k > 0 ? ', ' : ''}
          <Link href={`/investigations/${i.id}`}>{i.title}</Link> <span className="muted">({i.status})</span>
        </span>
      ))}
    </span>
  );
}
