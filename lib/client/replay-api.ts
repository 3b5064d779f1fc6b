// Typed fetchers for the replay pages: targets, runs, imports.
import { queryOptions } from '@tanstack/react-query';
import type { ReplayRequest } from '@/lib/domain/replay/replay-request';
import type { ReplayTarget } from '@/lib/domain/replay/replay-target';
import { readJson } from './api-error';

const JSON_HEADERS = { 'content-type': 'application/json' };

export interface RunOptionsInput {
  allowUnsafe?: boolean;
  baseline?: string;
  ignorePaths?: string[];
}

export type RunSourceInput =
  { kind: 'request'; request: ReplayRequest; originalTraceId: string | null; originalSpanId: string | null } | { kind: 'import'; importId: string } | { kind: 'trace'; traceId: string };

export const startReplay = (target: string, source: RunSourceInput, options: RunOptionsInput) =>
  fetch('/api/replays', { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ target, source, options }) }).then((r) => readJson<{ id: string }>(r));

export const createTarget = (input: { name: string; baseUrl: string; environment: string; allowedMethods: string[]; allowedAddresses: string[]; secrets: Record<string, string> }) =>
  fetch('/api/replay-targets', { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(input) }).then((r) => readJson<ReplayTarget>(r));

export const importRecording = (file: File) =>
  fetch('/api/replays/import', { method: 'POST', headers: { 'content-type': /\.(jsonl|ndjson)$/i.test(file.name) ? 'application/x-ndjson' : 'application/json' }, body: file }).then((r) =>
    readJson<{ id: string; format: string; requests: { request: ReplayRequest }[] }>(r),
  );

export const replayKeys = {
  spanCaptures: (traceId: string, spanId: string) => ['replay', 'span-captures', traceId, spanId] as const,
};

/** How many captures a span has (its own, or as the caller of an agent's span): decides the Replay action. */
export const spanCaptureCountQuery = (traceId: string, spanId: string) =>
  queryOptions({
    queryKey: replayKeys.spanCaptures(traceId, spanId),
    queryFn: () =>
      fetch(`/api/agent-captures?traceId=${traceId}&spanId=${spanId}`)
        .then((r) => readJson<{ captures: unknown[] }>(r))
        .then((r) => r.captures.length),
    staleTime: 60_000,
  });
