// /trace/local — open a trace file (OTLP JSON, Jaeger JSON or Zipkin v2) in the browser without storing it,
// as Jaeger UI's "JSON File" tab does: the file is read and decoded in the trace worker and shown with the
// normal trace page views. Nothing is sent to the server.
import { Suspense } from 'react';
import { pageAccess } from '@/app/_lib/page-access';
import { LocalTracePage } from '@/components/trace/local-trace-page';

export const metadata = { title: 'Open a trace file' };

export default async function LocalTraceRoute() {
  await pageAccess('viewer', '/trace/local');
  return (
    <Suspense fallback={<p className="muted">Loading…</p>}>
      <LocalTracePage />
    </Suspense>
  );
}
