// /chaos: experiments (form + JSON editor, saved versions) and recent runs of the tenant (issue 14).
import Link from 'next/link';
import { AccessDenied } from '@/components/auth/access-denied';
import { ExperimentEditor } from '@/components/chaos/experiment-editor';
import { roleAtLeast } from '@/lib/domain/auth/roles';
import { EXPERIMENT_TEMPLATE } from '@/lib/domain/chaos/experiment-template';
import { listAgents } from '@/lib/server/agents/agent-registry';
import { getExperiment, listExperiments } from '@/lib/server/chaos/experiment-store';
import { listRuns } from '@/lib/server/chaos/run-store';
import { getConfig } from '@/lib/server/config/load-config';
import { getDatabase } from '@/lib/server/db/get-database';
import { pageAccess } from '@/app/_lib/page-access';

export const metadata = { title: 'Chaos' };
export const dynamic = 'force-dynamic';

export default async function ChaosPage({ searchParams }: { searchParams: Promise<{ experiment?: string }> }) {
  const { principal, allowed, tenant } = await pageAccess('viewer', '/chaos');
  if (!allowed) return <AccessDenied needed="viewer" role={principal.role} />;
  const db = await getDatabase();
  const { experiment: selectedId } = await searchParams;
  const [experiments, runs, selected, agents] = await Promise.all([
    listExperiments(db.pool, tenant),
    listRuns(db.pool, tenant, 30),
    selectedId ? getExperiment(db.pool, tenant, selectedId).catch(() => null) : null,
    listAgents(db.pool),
  ]);
  return (
    <section className="page chaos-page">
      <h1>Chaos</h1>
      <p className="muted">
        Inject faults through agents, judge the steady state from the stored traces, and see exactly which traces were faulted. Runs abort on their stop conditions; every fault also ends by itself
        (deadline and lease).
      </p>
      <div className="chaos-columns">
        <div>
          <h2>{selected ? `${selected.name} (version ${selected.version})` : 'New experiment'}</h2>
          {selected && (
            <p>
              <a href={`/api/chaos/experiments/${selected.id}/chaos-mesh`}>Export as Chaos Mesh manifests</a> · <Link href="/chaos">New experiment</Link>
            </p>
          )}
          <ExperimentEditor
            key={selected?.id ?? 'new'}
            initial={selected?.definition ?? EXPERIMENT_TEMPLATE}
            canRun={roleAtLeast(principal.role, 'operator')}
            chaosEnabled={getConfig().CHAOS_ENABLED}
            agents={agents.map((a) => a.name)}
          />
        </div>
        <div>
          <h2>Experiments</h2>
          {experiments.length === 0 ? (
            <p className="muted">None saved yet.</p>
          ) : (
            <ul className="chaos-list">
              {experiments.map((e) => (
                <li key={e.id}>
                  <Link href={`/chaos?experiment=${e.id}`}>{e.name}</Link>{' '}
                  <span className="muted">
                    v{e.version}, {e.updatedAt.slice(0, 16).replace('T', ' ')}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <h2>Runs</h2>
          {runs.length === 0 ? (
            <p className="muted">No runs yet.</p>
          ) : (
            <table className="data">
              <thead>
                <tr>
                  <th>Experiment</th>
                  <th>Status</th>
                  <th>Started</th>
                  <th>By</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr key={r.id} data-run={r.id}>
                    <td>
                      <Link href={`/chaos/runs/${r.id}`}>{r.definition.name}</Link>
                      {r.dryRun && <span className="chip chip-meta">dry run</span>}
                    </td>
                    <td>{r.status}</td>
                    <td>{r.createdAt.slice(0, 19).replace('T', ' ')}</td>
                    <td>{r.startedBy}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
    </section>
  );
}
