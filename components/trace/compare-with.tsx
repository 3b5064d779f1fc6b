'use client';
// "Compare with…" on the trace page: asks for another trace id and opens /compare with this trace as A.
import Link from 'next/link';
import { useState } from 'react';
import { comparePairHref } from '@/lib/client/compare-url-state';

export function CompareWith({ traceId }: { traceId: string }) {
  const [open, setOpen] = useState(false);
  const [other, setOther] = useState('');
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        Compare with…
      </button>
    );
  }
  const target = other.trim();
  return (
    <span className="compare-with" data-testid="compare-with">
      <input aria-label="Trace to compare with" placeholder="other trace id" value={other} onChange={(e) => setOther(e.target.value)} spellCheck={false} autoFocus />{' '}
      {target ? <Link href={comparePairHref(traceId, target)}>Compare</Link> : <span className="muted">Compare</span>}
    </span>
  );
}
