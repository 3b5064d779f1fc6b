// /investigations/{id} — one investigation: facts, the timeline of evidence, notes and the postmortem. The
// server renders the first state; the page then polls for others' additions.
import { notFoundWhenMissing } from '@/app/_lib/not-found-when-missing';
import { pageAccess } from '@/app/_lib/page-access';
import { AccessDenied } from '@/components/auth/access-denied';
import { InvestigationView } from '@/components/investigations/investigation-view';
import { roleAtLeast } from '@/lib/domain/auth/roles';
import { getDatabase } from '@/lib/server/db/get-database';
import { getInvestigationDetail } from '@/lib/server/investigations/get-investigation-detail';
import { investigationIdOrNotFound } from '@/lib/server/investigations/investigation-row';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Investigation' };

export default async function InvestigationPage({ params }: { params: Promise<{ investigationId: string }> }) {
  const raw = (await params).investigationId;
  const { allowed, principal, tenant } = await pageAccess('viewer', `/investigations/${encodeURIComponent(raw)}`);
  if (!allowed) return <AccessDenied needed="viewer" role={principal.role} />;
  const { id, detail } = await (async () => {
    const id = investigationIdOrNotFound(raw);
    return { id, detail: await getInvestigationDetail((await getDatabase()).pool, tenant, id) };
  })().catch(notFoundWhenMissing);
  return <InvestigationView id={id} initial={detail} canEdit={roleAtLeast(principal.role, 'responder')} />;
}
