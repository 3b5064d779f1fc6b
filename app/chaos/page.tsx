import { pageAccess } from '@/app/_lib/page-access';
import { NotYetAvailable } from '@/components/shell/not-yet-available';

export const metadata = { title: 'Chaos' };

export default async function ChaosPage() {
  await pageAccess('viewer', '/chaos');
  return <NotYetAvailable title="Chaos" issue="a later issue" />;
}
