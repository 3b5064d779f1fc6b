'use client';
// /compare: two modes behind a switch, both driven by the URL (lib/client/compare-url-state.ts): a pair of
// traces diffed by path, or a selection of traces against a baseline.
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { compareHref, readCompareUrl, type CompareMode } from '@/lib/client/compare-url-state';
import { PairCompare } from './pair-compare';
import { SetCompare } from './set-compare';
import './compare.css';

const MODES: ReadonlyArray<{ mode: CompareMode; label: string }> = [
  { mode: 'pair', label: 'Two traces' },
  { mode: 'sets', label: 'Selection vs baseline' },
];

export function CompareView() {
  const state = readCompareUrl(new URLSearchParams(useSearchParams().toString()));
  return (
    <>
      <nav className="compare-modes" role="tablist" aria-label="Comparison mode">
        {MODES.map((m) => (
          <Link key={m.mode} role="tab" aria-selected={state.mode === m.mode} href={compareHref({ ...state, mode: m.mode })}>
            {m.label}
          </Link>
        ))}
      </nav>
      {state.mode === 'pair' ? <PairCompare state={state} /> : <SetCompare state={state} />}
    </>
  );
}
