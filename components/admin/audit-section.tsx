'use client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { auditQuery, auditUrl } from '@/lib/client/accounts-api';

const EMPTY = { action: '', actor: '', outcome: '' };

export function AuditSection() {
  const [filter, setFilter] = useState(EMPTY);
  const entries = useQuery(auditQuery(filter));
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => setFilter((f) => ({ ...f, [key]: e.target.value }));
  return (
    <div className="admin-section">
      <h2>Audit trail</h2>
      <form onSubmit={(e) => e.preventDefault()} aria-label="Audit filters">
        <input placeholder='action (e.g. "auth." or token.create)' value={filter.action} onChange={set('action')} aria-label="Action" />
        <input placeholder="actor" value={filter.actor} onChange={set('actor')} aria-label="Actor" />
        <select value={filter.outcome} onChange={set('outcome')} aria-label="Outcome">
          <option value="">any outcome</option>
          <option>success</option>
          <option>failure</option>
          <option>denied</option>
        </select>
        <a href={auditUrl(filter, 'jsonl')} download>
          Export JSON lines
        </a>
      </form>
      {entries.error && <p className="error-text">{entries.error.message}</p>}
      <table className="data">
        <thead>
          <tr>
            <th>When</th>
            <th>Actor</th>
            <th>Action</th>
            <th>Target</th>
            <th>Outcome</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          {(entries.data ?? []).map((e) => (
            <tr key={e.id}>
              <td>{e.at.slice(0, 19).replace('T', ' ')}</td>
              <td>{e.actorName}</td>
              <td>{e.action}</td>
              <td className="mono">{e.target ?? ''}</td>
              <td className={e.outcome === 'success' ? '' : 'error-text'}>{e.outcome}</td>
              <td className="mono">{JSON.stringify(e.details)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
