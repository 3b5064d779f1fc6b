import { pageAccess } from '@/app/_lib/page-access';
import { Suspense } from 'react';
import { SearchView } from '@/components/search/search-view';

export const metadata = { title: 'Search traces' };

export default async function SearchPage() {
  await pageAccess('viewer', '/search');
  return (
    <section className="page">
      <h1>Search traces</h1>
      <Suspense fallback={<p className="muted">Loading…</p>}>
        <SearchView />
      </Suspense>
    </section>
  );
}
