// /agents: registered agents, their health, leases and active faults (issue 13). Server-rendered from the
// database and each agent's status; refreshed every 5 s.
import { AgentsTable } from '@/components/agents/agents-table';
import { AutoRefresh } from '@/components/agents/auto-refresh';
import { agentsWithHealth } from '@/lib/server/agents/agent-health';
import { getDatabase } from '@/lib/server/db/get-database';
import { pageAccess } from '@/app/_lib/page-access';

export const metadata = { title: 'Agents' };
export const dynamic = 'force-dynamic';

export default async function AgentsPage() {
  await pageAccess('viewer', '/agents');
  const db = await getDatabase();
  const agents = await agentsWithHealth(db.pool);
  return (
    <section className="page">
      <h1>Agents</h1>
      <p className="muted">Data-plane agents in front of services: faults, capture and shadowing. Faults revert by themselves when the dashboard stops renewing a lease.</p>
      <AutoRefresh everyMs={5_000} />
      <AgentsTable agents={agents} now={Date.now()} />
    </section>
  );
}
