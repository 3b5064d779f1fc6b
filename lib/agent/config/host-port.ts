// "HOST:PORT" addresses of listeners and TCP upstreams. A bare port means loopback: the agent never binds to
// every interface unless told to (it can inject faults, so exposure must be a deliberate choice).
export interface HostPort {
  host: string;
  port: number;
}

export function parseHostPort(value: string): HostPort | null {
  const match = /^(?:\[([0-9a-fA-F:]+)\]|([^:\s]*)):(\d{1,5})$/.exec(value.trim()) ?? /^()()(\d{1,5})$/.exec(value.trim());
  if (!match) return null;
  const port = Number(match[3]);
  if (port > 65535) return null;
  const host = match[1] || match[2] || '127.0.0.1';
  return { host: host === 'localhost' ? '127.0.0.1' : host, port };
}

export function formatHostPort({ host, port }: HostPort): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

export function isLoopbackHost(host: string): boolean {
  return host === '::1' || host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
