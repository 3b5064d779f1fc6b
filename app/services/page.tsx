import { pageAccess } from '@/app/_lib/page-access';
import { Suspense } from 'react';
import { ServicesView } from '@/components/services/services-view';

export const metadata = { title: 'Services' };

export default async function ServicesPage() {
  await pageAccess('viewer', '/services');
  return (
    <section className="page">
      <h1>Services</h1>
      <Suspense fallback={<p className="muted">Loading…</p>}>
        <ServicesView />
      </Suspense>
    </section>
  );
}
