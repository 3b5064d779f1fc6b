// Typed fetchers and TanStack Query options for investigations. An open investigation's page polls its detail
// so several people adding evidence see each other's additions within a few seconds.
import { queryOptions } from '@tanstack/react-query';
import type { Investigation, InvestigationDetail, InvestigationItem } from '@/lib/domain/investigations/investigation';
import type { InvestigationPatch, NewInvestigation, NewItem } from '@/lib/domain/investigations/investigation-input';
import { readJson } from './api-error';

export const INVESTIGATION_POLL_MS = 2_000;

export interface InvestigationListFilter {
  status?: string;
  severity?: string;
  q?: string;
  traceId?: string;
}

function send<T>(method: string, url: string, body?: unknown): Promise<T> {
  return fetch(url, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).then((r) => readJson<T>(r));
}

const base = (id: string) => `/api/investigations/${encodeURIComponent(id)}`;

export const investigationKeys = {
  all: ['investigations'] as const,
  list: (filter: InvestigationListFilter) => ['investigations', 'list', filter] as const,
  detail: (id: string) => ['investigations', 'detail', id] as const,
  postmortem: (id: string) => ['investigations', 'postmortem', id] as const,
};

export function investigationListUrl(filter: InvestigationListFilter): string {
  const params = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  return `/api/investigations${params.size ? `?${params}` : ''}`;
}

export const investigationListQuery = (filter: InvestigationListFilter) =>
  queryOptions({
    queryKey: investigationKeys.list(filter),
    queryFn: () => send<{ investigations: Investigation[] }>('GET', investigationListUrl(filter)).then((r) => r.investigations),
  });

export const investigationDetailQuery = (id: string) =>
  queryOptions({
    queryKey: investigationKeys.detail(id),
    queryFn: () => send<InvestigationDetail>('GET', base(id)),
    refetchInterval: INVESTIGATION_POLL_MS,
  });

export const createInvestigation = (input: Partial<NewInvestigation> & { title: string }) => send<Investigation>('POST', '/api/investigations', input);
export const updateInvestigation = (id: string, patch: InvestigationPatch) => send<Investigation>('PATCH', base(id), patch);
export const addInvestigationItem = (id: string, item: NewItem) => send<InvestigationItem>('POST', `${base(id)}/items`, item);
export const editNote = (id: string, itemId: string, body: string) => send<InvestigationItem>('PATCH', `${base(id)}/items/${encodeURIComponent(itemId)}`, { body });

export const postmortemUrl = (id: string, format: 'md' | 'html' | 'json') => `${base(id)}/postmortem?format=${format}`;

export interface PostmortemState {
  draft: string;
  latest: { version: number; markdown: string; author: string; createdAt: string } | null;
}

export const postmortemQuery = (id: string) => queryOptions({ queryKey: investigationKeys.postmortem(id), queryFn: () => send<PostmortemState>('GET', postmortemUrl(id, 'json')) });

export const savePostmortem = (id: string, markdown: string) => send<NonNullable<PostmortemState['latest']>>('POST', `${base(id)}/postmortem`, { markdown });
