import { pageAccess } from '@/app/_lib/page-access';
import { Suspense } from 'react';
import { LogsExplorer } from '@/components/logs/logs-explorer';

export const metadata = { title: 'Logs' };

export default async function LogsPage() {
  await pageAccess('viewer', '/logs');
  // The explorer reads its state from the URL (useSearchParams), which needs a Suspense boundary.
  return (
    <Suspense
      fallback={
        <section className="page">
          <h1>Logs</h1>
        </section>
      }
    >
      <LogsExplorer />
    </Suspense>
  );
}
