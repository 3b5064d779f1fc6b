// Typed fetchers of the chaos API for the /chaos pages.
import type { FindingComparison } from '@/lib/domain/chaos/findings-comparison';
import type { OperationComparison } from '@/lib/domain/chaos/operation-comparison';
import type { IndicatorValue, RunView } from '@/lib/domain/chaos/run-view';
import { readJson } from './api-error';

export interface RunResultBody extends RunView {
  lastCheck: { at: string; values: (IndicatorValue & { breached: boolean })[] } | null;
  traces: { faulted: string[]; clean: string[]; faultedRequests: number };
  comparison: OperationComparison[];
  findings: FindingComparison[];
}

const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export const chaosKeys = {
  run: (id: string) => ['chaos', 'run', id] as const,
};

export async function fetchRun(id: string): Promise<RunResultBody> {
  return readJson(await fetch(`/api/chaos/runs/${encodeURIComponent(id)}`, { cache: 'no-store' }));
}

export async function startRunRequest(experiment: unknown, dryRun: boolean): Promise<{ id: string }> {
  return readJson(await fetch('/api/chaos/runs', json({ ...(experiment as object), dryRun })));
}

export async function saveExperimentRequest(experiment: unknown): Promise<{ id: string; version: number }> {
  return readJson(await fetch('/api/chaos/experiments', json(experiment)));
}

export async function haltRunRequest(id: string): Promise<{ halted: boolean }> {
  return readJson(await fetch(`/api/chaos/runs/${encodeURIComponent(id)}/halt`, { method: 'POST' }));
}

export async function haltAllRequest(): Promise<{ runs: string[] }> {
  return readJson(await fetch('/api/chaos/halt', { method: 'POST' }));
}
