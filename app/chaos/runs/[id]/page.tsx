// /chaos/runs/{id}: one run, live while active (polled every 2 s), with a big Halt button (issue 14).
import { notFound } from 'next/navigation';
import { AccessDenied } from '@/components/auth/access-denied';
import { RunLiveView } from '@/components/chaos/run-live-view';
import { roleAtLeast } from '@/lib/domain/auth/roles';
import { runResult } from '@/lib/server/chaos/run-result';
import { getDatabase } from '@/lib/server/db/get-database';
import { AppError } from '@/lib/server/http/app-error';
import { pageAccess } from '@/app/_lib/page-access';

export const metadata = { title: 'Chaos run' };
export const dynamic = 'force-dynamic';

export default async function ChaosRunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { principal, allowed, tenant } = await pageAccess('viewer', `/chaos/runs/${id}`);
  if (!allowed) return <AccessDenied needed="viewer" role={principal.role} />;
  const db = await getDatabase();
  const run = await runResult(db.pool, id, tenant).catch((error: unknown) => {
    if (error instanceof AppError && (error.code === 'not_found' || error.code === 'bad_request')) notFound();
    throw error;
  });
  return (
    <section className="page chaos-page">
      <RunLiveView initial={JSON.parse(JSON.stringify(run))} canHalt={roleAtLeast(principal.role, 'operator')} />
    </section>
  );
}
