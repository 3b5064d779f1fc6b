// /compare — two traces diffed by path (?a=&b=), or a selection of traces against a baseline (?mode=sets).
import { Suspense } from 'react';
import { pageAccess } from '@/app/_lib/page-access';
import { CompareView } from '@/components/compare/compare-view';

export const metadata = { title: 'Compare' };

export default async function ComparePage() {
  await pageAccess('viewer', '/compare');
  return (
    <section className="page">
      <h1>Compare</h1>
      <Suspense fallback={<p className="muted">Loading…</p>}>
        <CompareView />
      </Suspense>
    </section>
  );
}
