import { Suspense } from 'react';
import { SearchView } from '@/components/search/search-view';

export const metadata = { title: 'Search traces' };

export default function SearchPage() {
  return (
    <section className="page">
      <h1>Search traces</h1>
      <Suspense fallback={<p className="muted">Loading…</p>}>
        <SearchView />
      </Suspense>
    </section>
  );
}
