import { NotYetAvailable } from '@/components/shell/not-yet-available';

export const metadata = { title: 'Investigations' };

export default function InvestigationsPage() {
  return <NotYetAvailable title="Investigations" issue="a later issue" />;
}
