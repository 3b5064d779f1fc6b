'use client';
// /investigations: filters (status, severity, title) in the URL, the table, and "New investigation".
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { createInvestigation, investigationListQuery, type InvestigationListFilter } from '@/lib/client/investigations-api';
import { SEVERITIES, STATUSES } from '@/lib/domain/investigations/investigation';

export function InvestigationList({ canCreate }: { canCreate: boolean }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filter: InvestigationListFilter = { status: params.get('status') ?? '', severity: params.get('severity') ?? '', q: params.get('q') ?? '' };
  const list = useQuery({ ...investigationListQuery(filter), refetchInterval: 5_000 });
  const setFilter = (patch: InvestigationListFilter) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch))
      if (v) next.set(k, v);
      else next.delete(k);
    router.replace(`${pathname}?${next}`);
  };
  return (
    <section className="page">
      <h1>Investigations</h1>
      {canCreate ? <NewInvestigationForm onCreated={(id) => router.push(`/investigations/${id}`)} /> : null}
      <div className="query-bar" role="search">
        <select aria-label="Status filter" value={filter.status} onChange={(e) => setFilter({ status: e.target.value })}>
          <option value="">any status</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <select aria-label="Severity filter" value={filter.severity} onChange={(e) => setFilter({ severity: e.target.value })}>
          <option value="">any severity</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <input aria-label="Title contains" placeholder="Title contains…" defaultValue={filter.q} onKeyDown={(e) => e.key === 'Enter' && setFilter({ q: e.currentTarget.value })} />
      </div>
      {list.isError ? <p className="error-text">{list.error.message}</p> : null}
      {list.data && list.data.length === 0 ? <p className="muted">No investigations match.</p> : null}
      {list.data && list.data.length > 0 ? (
        <table className="data" data-testid="investigation-list">
          <thead>
            <tr>
              <th>Title</th>
              <th>Severity</th>
              <th>Status</th>
              <th>Owner</th>
              <th>Evidence</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((i) => (
              <tr key={i.id}>
                <td>
                  <Link href={`/investigations/${i.id}`}>{i.title}</Link>
                </td>
                <td>{i.severity}</td>
                <td>{i.status}</td>
                <td>{i.owner ?? '—'}</td>
                <td>{i.itemCount}</td>
                <td>{new Date(i.updatedAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function NewInvestigationForm({ onCreated }: { onCreated(id: string): void }) {
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="query-bar"
      onSubmit={(e) => {
        e.preventDefault();
        createInvestigation({ title }).then(
          (i) => onCreated(i.id),
          (err: Error) => setError(err.message),
        );
      }}
    >
      <input aria-label="New investigation title" placeholder="New investigation title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} required />
      <button type="submit">Start investigation</button>
      {error ? (
        <span className="error-text" role="alert">
          {error}
        </span>
      ) : null}
    </form>
  );
}
