import { pageAccess } from '@/app/_lib/page-access';
import { NotYetAvailable } from '@/components/shell/not-yet-available';

export const metadata = { title: 'Replays' };

export default async function ReplaysPage() {
  await pageAccess('viewer', '/replays');
  return <NotYetAvailable title="Replays" issue="a later issue" />;
}
