import { NotYetAvailable } from '@/components/shell/not-yet-available';

export const metadata = { title: 'Replays' };

export default function ReplaysPage() {
  return <NotYetAvailable title="Replays" issue="a later issue" />;
}
