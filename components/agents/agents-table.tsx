// The /agents table: one row per registered agent with its environment, health, lease and active faults.
// Times are shown as "in Ns" relative to the render so the page needs no clock on the client.
import type { AgentHealth } from '@/lib/domain/agent/agent-view';
import { HaltAgentButton } from './halt-agent-button';

function secondsFrom(iso: string | undefined, now: number): string {
  if (!iso) return '';
  const s = Math.round((Date.parse(iso) - now) / 1000);
  return s >= 0 ? `in ${s}s` : `${-s}s ago`;
}

export function AgentsTable({ agents, now }: { agents: readonly AgentHealth[]; now: number }) {
  if (agents.length === 0) {
    return (
      <div className="empty-state">
        <p>
          No agents registered. Start one with <code>npx tracehound agent --control-listen 127.0.0.1:8474 --config agent.yaml</code> and register it (admin):
        </p>
        <pre>{`curl -X POST http://localhost:3000/api/agents -H 'content-type: application/json' \\
  -d '{"name":"edge-1","url":"http://127.0.0.1:8474","token":"<control token>","environment":"staging"}'`}</pre>
      </div>
    );
  }
  return (
    <table className="data agents-table">
      <thead>
        <tr>
          <th>Agent</th>
          <th>Environment</th>
          <th>Health</th>
          <th>Routes</th>
          <th>Lease</th>
          <th>Active faults</th>
          <th>Captures</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {agents.map((agent) => (
          <tr key={agent.id} data-agent={agent.name}>
            <td>
              <strong>{agent.name}</strong>
              <div className="muted">{agent.url}</div>
            </td>
            <td>
              <span className={`chip env-${agent.environment}`}>{agent.environment}</span>
            </td>
            <td>{agent.reachable ? <span>up (v{agent.status?.version})</span> : <span className="error-text">unreachable: {agent.error}</span>}</td>
            <td>
              {agent.status?.routes.map((r) => (
                <div key={r.name}>
                  {r.name}{' '}
                  <span className="muted">
                    {r.protocol} {r.listen} → {r.upstream}
                  </span>
                </div>
              ))}
            </td>
            <td>
              {agent.status?.lease ? `${agent.status.lease.holder}, expires ${secondsFrom(agent.status.lease.expiresAt, now)}` : <span className="muted">none</span>}
              {agent.leaseHolders.map((h) => (
                <div key={h.holder} className="muted">
                  held for {h.holder} until {secondsFrom(h.holdUntil, now)}
                  {h.lastError ? <span className="error-text"> — {h.lastError}</span> : null}
                </div>
              ))}
            </td>
            <td>
              {agent.status?.faults.length ? (
                agent.status.faults.map((f) => (
                  <div key={f.id} data-fault={f.id}>
                    {f.type} on {f.route} <span className="muted">ends {secondsFrom(f.expiresAt ?? f.expires_at, now)}</span>
                  </div>
                ))
              ) : (
                <span className="muted">none</span>
              )}
            </td>
            <td>{agent.status?.captures ? `${agent.status.captures.shipped} shipped, ${agent.status.captures.dropped} dropped` : <span className="muted">off</span>}</td>
            <td>
              <HaltAgentButton name={agent.name} disabled={!agent.reachable} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
