import { pageAccess } from '@/app/_lib/page-access';
import { NotYetAvailable } from '@/components/shell/not-yet-available';

export const metadata = { title: 'Investigations' };

export default async function InvestigationsPage() {
  await pageAccess('viewer', '/investigations');
  return <NotYetAvailable title="Investigations" issue="a later issue" />;
}
