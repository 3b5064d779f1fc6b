import { Suspense } from 'react';
import { LogsExplorer } from '@/components/logs/logs-explorer';

export const metadata = { title: 'Logs' };

export default function LogsPage() {
  // The explorer reads its state from the URL (useSearchParams), which needs a Suspense boundary.
  return (
    <Suspense fallback={<section className="page"><h1>Logs</h1></section>}>
      <LogsExplorer />
    </Suspense>
  );
}
