import { headers } from 'next/headers';
import { Suspense } from 'react';
import { SearchView } from '@/components/search/search-view';
import { SendDataHelp } from '@/components/traces/send-data-help';
import { pageAccess } from '@/app/_lib/page-access';
import { getDatabase } from '@/lib/server/db/get-database';
import { listRecentTraces } from '@/lib/server/traces/list-recent-traces';

export const dynamic = 'force-dynamic';

// Home: trace search once there is data; until then, how to send some.
export default async function HomePage() {
  const { tenant } = await pageAccess('viewer', '/');
  const db = await getDatabase();
  const hasTraces = (await listRecentTraces(db, tenant, 1)).length > 0;
  const h = await headers();
  const origin = `${h.get('x-forwarded-proto') ?? 'http'}://${h.get('host') ?? 'localhost:3000'}`;
  return (
    <section className="page">
      <h1>Traces</h1>
      {hasTraces ? (
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <SearchView path="/" />
        </Suspense>
      ) : (
        <SendDataHelp origin={origin} />
      )}
    </section>
  );
}
