// A minimal method + path router for the control API (a dozen fixed routes; a framework would be the
// biggest dependency of the agent for no gain). `:name` segments become params.
import type { Agent } from '../agent';

export interface EndpointContext {
  agent: Agent;
  params: Record<string, string>;
  body: unknown;
}

export interface EndpointResult {
  status: number;
  json?: unknown;
  text?: string;
}

export interface Endpoint {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  handle: (context: EndpointContext) => EndpointResult | Promise<EndpointResult>;
}

export interface RouteMatch {
  endpoint: Endpoint;
  params: Record<string, string>;
}

/** The endpoint for a method and path; `methodMismatch` when the path exists under another method. */
export function route(endpoints: readonly Endpoint[], method: string, path: string): RouteMatch | 'methodMismatch' | null {
  const segments = path.split('/').filter(Boolean);
  let mismatch = false;
  for (const endpoint of endpoints) {
    const pattern = endpoint.path.split('/').filter(Boolean);
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((part, i) => {
      if (part.startsWith(':')) {
        try {
          params[part.slice(1)] = decodeURIComponent(segments[i]!);
        } catch {
          return false;
        }
        return true;
      }
      return part === segments[i];
    });
    if (!ok) continue;
    if (endpoint.method === method) return { endpoint, params };
    mismatch = true;
  }
  return mismatch ? 'methodMismatch' : null;
}
