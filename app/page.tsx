import { headers } from 'next/headers';
import { RecentTracesTable } from '@/components/traces/recent-traces-table';
import { SendDataHelp } from '@/components/traces/send-data-help';
import { DEFAULT_TENANT } from '@/lib/domain/model/span';
import { getDatabase } from '@/lib/server/db/get-database';
import { listRecentTraces } from '@/lib/server/traces/list-recent-traces';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const db = await getDatabase();
  const traces = await listRecentTraces(db, DEFAULT_TENANT, 50);
  const h = await headers();
  const origin = `${h.get('x-forwarded-proto') ?? 'http'}://${h.get('host') ?? 'localhost:3000'}`;
  return (
    <section className="page">
      <h1>Recent traces</h1>
      {traces.length === 0 ? <SendDataHelp origin={origin} /> : <RecentTracesTable traces={traces} />}
    </section>
  );
}
