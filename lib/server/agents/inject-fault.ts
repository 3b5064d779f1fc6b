import 'server-only';
// Injecting a fault from the dashboard (the chaos runner's building block): hold the agent's lease in the
// database for the fault's duration plus a margin (so every instance renews it, and it lapses when all of
// them die), then ask the agent. The agent validates the fault; its 4xx comes back with its own message.
import type { Queryable } from '../db/queryable';
import { AppError, type ErrorCode } from '../http/app-error';
import { callAgent } from './agent-client';
import { holdLease } from './agent-leases';
import { getAgent } from './agent-registry';

/** Renewal continues this long after the fault's own deadline, for faults started late in a run. */
const LEASE_MARGIN_SECONDS = 30;

export interface InjectedFault {
  id: string;
  expiresAt: string;
  [key: string]: unknown;
}

export async function injectFault(db: Queryable, agentName: string, route: string, holder: string, fault: Record<string, unknown>): Promise<InjectedFault> {
  const durationMs = fault.durationMs;
  if (typeof durationMs !== 'number' || !Number.isFinite(durationMs) || durationMs <= 0) {
    throw new AppError('bad_request', 'fault.durationMs is required (the fault deadline, in ms)', { details: { field: 'fault.durationMs' } });
  }
  const agent = await getAgent(db, agentName);
  await holdLease(db, agentName, holder, Math.ceil(durationMs / 1000) + LEASE_MARGIN_SECONDS);
  const result = await callAgent<InjectedFault>(agent, 'POST', `/tracehound/routes/${encodeURIComponent(route)}/faults`, fault);
  if (result.ok && result.body) return result.body;
  if (result.status === 0) throw new AppError('unavailable', `agent ${agentName} did not answer: ${result.error}`);
  const code: ErrorCode = result.status === 404 ? 'not_found' : result.status === 409 ? 'conflict' : 'bad_request';
  throw new AppError(code, `agent ${agentName}: ${result.error}`);
}
