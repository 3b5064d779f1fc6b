import 'server-only';
// Calls an agent's control API from the dashboard, each call with a short deadline: a dead or slow agent
// must not hold a page, a halt or the lease loop (the agent's own lease covers what we fail to reach).
import type { AgentWithToken } from './agent-registry';

export interface AgentCallResult<T> {
  ok: boolean;
  status: number;
  body: T | null;
  error: string | null;
}

export async function callAgent<T>(agent: Pick<AgentWithToken, 'url' | 'token'>, method: string, path: string, body?: unknown, timeoutMs = 2_000): Promise<AgentCallResult<T>> {
  try {
    const response = await fetch(`${agent.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${agent.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
      cache: 'no-store',
    });
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    const message = (parsed as { error?: { message?: string } } | null)?.error?.message;
    return { ok: response.ok, status: response.status, body: response.ok ? (parsed as T) : null, error: response.ok ? null : (message ?? `agent answered ${response.status}`) };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { ok: false, status: 0, body: null, error: (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (cause ?? (error as Error).message) };
  }
}
