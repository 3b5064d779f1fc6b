// /investigations — the tenant's investigations with filters; responders can start one here.
import { Suspense } from 'react';
import { pageAccess } from '@/app/_lib/page-access';
import { AccessDenied } from '@/components/auth/access-denied';
import { InvestigationList } from '@/components/investigations/investigation-list';
import { roleAtLeast } from '@/lib/domain/auth/roles';

export const metadata = { title: 'Investigations' };

export default async function InvestigationsPage() {
  const { allowed, principal } = await pageAccess('viewer', '/investigations');
  if (!allowed) return <AccessDenied needed="viewer" role={principal.role} />;
  return (
    <Suspense fallback={<p className="muted page">Loading…</p>}>
      <InvestigationList canCreate={roleAtLeast(principal.role, 'responder')} />
    </Suspense>
  );
}
