// Several clients reading one trace endpoint at once, with the server's peak RSS (process tree) while they
// do: issue 22's bounded-memory check (three clients on a 500k-span trace, server RSS < 600 MB).
import { processTreeRssMb, samplePeakRss } from './process-rss';

export interface ConcurrentReadResult {
  path: string;
  clients: number;
  /** Time until the last client had its last byte. */
  totalMs: number;
  /** Bytes each client received. */
  mb: number;
  idleRssMb: number;
  peakRssMb: number;
}

async function drain(url: string, token: string): Promise<number> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok || !res.body) throw new Error(`GET ${url} answered ${res.status}`);
  let bytes = 0;
  const reader = res.body.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) bytes += r.value.length;
  return bytes;
}

export async function readConcurrently(origin: string, path: string, token: string, serverPid: number, clients = 3): Promise<ConcurrentReadResult> {
  const idleRssMb = processTreeRssMb(serverPid);
  const sampler = samplePeakRss(serverPid);
  const t0 = performance.now();
  const bytes = await Promise.all(Array.from({ length: clients }, () => drain(`${origin}${path}`, token)));
  const totalMs = performance.now() - t0;
  return { path, clients, totalMs, mb: bytes[0]! / 1e6, idleRssMb, peakRssMb: sampler.stop() };
}
