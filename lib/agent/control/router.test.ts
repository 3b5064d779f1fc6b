import { describe, expect, it } from 'vitest';
import { route, type Endpoint } from './router';

const ok = () => ({ status: 200 });
const endpoints: Endpoint[] = [
  { method: 'GET', path: '/proxies', handle: ok },
  { method: 'GET', path: '/proxies/:proxy/toxics/:toxic', handle: ok },
  { method: 'DELETE', path: '/proxies/:proxy', handle: ok },
];

describe('route', () => {
  it('matches method and path, decoding params', () => {
    const match = route(endpoints, 'GET', '/proxies/my%20db/toxics/lat');
    expect(match !== null && match !== 'methodMismatch' && match.params).toEqual({ proxy: 'my db', toxic: 'lat' });
    expect(route(endpoints, 'GET', '/proxies/')).not.toBeNull();
  });

  it('tells an unknown path from a known path under another method', () => {
    expect(route(endpoints, 'GET', '/nothing')).toBeNull();
    expect(route(endpoints, 'POST', '/proxies/x')).toBe('methodMismatch');
    expect(route(endpoints, 'GET', '/proxies/%E0%A4%A/toxics/x')).toBeNull();
  });
});
