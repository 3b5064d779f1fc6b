import { NotYetAvailable } from '@/components/shell/not-yet-available';

export const metadata = { title: 'Services' };

export default function ServicesPage() {
  return <NotYetAvailable title="Services" issue="issue 7 (search, service map)" />;
}
