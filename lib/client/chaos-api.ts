// Typed fetchers of the chaos API for the /chaos pages.
import type { RunResult } from '@/lib/domain/chaos/run-result';
import { readJson } from './api-error';

export type RunResultBody = RunResult;

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
