import { NotYetAvailable } from '@/components/shell/not-yet-available';

export const metadata = { title: 'Logs' };

export default function LogsPage() {
  return <NotYetAvailable title="Logs" issue="issue 4 (Loki push, LogQL and the logs page)" />;
}
