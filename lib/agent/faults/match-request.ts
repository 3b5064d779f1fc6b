// Does a request fall under a fault's match? Pure; the glob is compiled once per fault and cached.
import type { HttpMatch } from './http-fault';

const globCache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  let re = globCache.get(glob);
  if (!re) {
    const body = glob
      .split(/(\*\*|\*)/)
      .map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    re = new RegExp(`^${body}$`);
    if (globCache.size > 1000) globCache.clear();
    globCache.set(glob, re);
  }
  return re;
}

export interface RequestFacts {
  method: string;
  /** Path without the query string. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
}

export function matchesRequest(match: HttpMatch, request: RequestFacts): boolean {
  if (match.methods && !match.methods.includes(request.method.toUpperCase())) return false;
  if (match.path && !globToRegExp(match.path).test(request.path)) return false;
  if (match.headers) {
    for (const [name, value] of Object.entries(match.headers)) {
      const actual = request.headers[name.toLowerCase()];
      const values = Array.isArray(actual) ? actual : actual === undefined ? [] : [actual];
      if (!values.includes(value)) return false;
    }
  }
  return true;
}
