import { NotYetAvailable } from '@/components/shell/not-yet-available';

export const metadata = { title: 'Chaos' };

export default function ChaosPage() {
  return <NotYetAvailable title="Chaos" issue="a later issue" />;
}
