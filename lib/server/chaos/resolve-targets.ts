import 'server-only';
// Before anything is injected (dry runs included): every agent of the method is registered and reachable,
// every route exists on it, and production targets are allowed (CHAOS_PRODUCTION_ENABLED) and confirmed by
// typing the experiment's name.
import type { Experiment } from '@/lib/domain/chaos/experiment-schema';
import type { AgentStatusBody } from '@/lib/domain/agent/agent-view';
import { callAgent } from '../agents/agent-client';
import { getAgent, type AgentWithToken } from '../agents/agent-registry';
import type { Queryable } from '../db/queryable';
import { AppError } from '../http/app-error';

export interface ResolvedTarget {
  agent: string;
  environment: string;
  routes: string[];
}

export async function resolveTargets(db: Queryable, experiment: Experiment, productionEnabled: boolean): Promise<ResolvedTarget[]> {
  const agents = new Map<string, { agent: AgentWithToken; status: AgentStatusBody }>();
  for (const [i, step] of experiment.method.entries()) {
    let entry = agents.get(step.agent);
    if (!entry) {
      const agent = await getAgent(db, step.agent).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'not_found')
          throw new AppError('bad_request', `method.${i}.agent: no agent named "${step.agent}" is registered`, { details: { field: `method.${i}.agent` } });
        throw error;
      });
      const status = await callAgent<AgentStatusBody>(agent, 'GET', '/tracehound/status', undefined, 2_000);
      if (!status.ok || !status.body) throw new AppError('conflict', `agent "${agent.name}" is not reachable (${status.error}); nothing was injected`);
      entry = { agent, status: status.body };
      agents.set(step.agent, entry);
    }
    const route = entry.status.routes.find((r) => r.name === step.route);
    if (!route) throw new AppError('bad_request', `method.${i}.route: agent "${step.agent}" has no route "${step.route}"`, { details: { field: `method.${i}.route` } });
    if (route.protocol !== 'http')
      throw new AppError('bad_request', `method.${i}.route: "${step.route}" is a ${route.protocol} route; experiments inject HTTP faults`, { details: { field: `method.${i}.route` } });
  }
  const production = [...agents.values()].filter((a) => a.agent.environment === 'production').map((a) => a.agent.name);
  if (production.length > 0) {
    if (!productionEnabled) throw new AppError('forbidden', `agent(s) ${production.join(', ')} are labelled production; chaos against production is off (an admin sets CHAOS_PRODUCTION_ENABLED=true)`);
    if (experiment.productionConfirmation !== experiment.name) {
      throw new AppError('bad_request', `productionConfirmation: type the experiment's name ("${experiment.name}") to run against production agent(s) ${production.join(', ')}`, {
        details: { field: 'productionConfirmation' },
      });
    }
  }
  return [...agents.values()].map(({ agent, status }) => ({
    agent: agent.name,
    environment: agent.environment,
    routes: [...new Set(experiment.method.filter((s) => s.agent === agent.name).map((s) => s.route))].filter((r) => status.routes.some((x) => x.name === r)),
  }));
}
