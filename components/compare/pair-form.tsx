'use client';
// The two trace ids of the pair view; submitting writes them into the URL.
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { compareHref, type CompareUrlState } from '@/lib/client/compare-url-state';

export function PairForm({ state }: { state: CompareUrlState }) {
  const router = useRouter();
  const [a, setA] = useState(state.a);
  const [b, setB] = useState(state.b);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    router.push(compareHref({ ...state, a: a.trim(), b: b.trim() }));
  };
  return (
    <form className="compare-form" onSubmit={submit} aria-label="Traces to compare">
      <label>
        A (before)
        <input name="a" value={a} onChange={(e) => setA(e.target.value)} placeholder="trace id" spellCheck={false} />
      </label>
      <label>
        B (after)
        <input name="b" value={b} onChange={(e) => setB(e.target.value)} placeholder="trace id" spellCheck={false} />
      </label>
      <button type="button" onClick={() => (setA(b), setB(a))}>
        Swap
      </button>
      <button type="submit">Compare</button>
    </form>
  );
}
