// Finds a free loopback port for a listener that must be known before it starts: the embedded database's
// socket server, the demo's services (inventory and pricing must know each other's URL before either starts),
// and test servers.
//
// Why not listen(0): the kernel draws port-0 listeners from the same ephemeral range as outgoing connections'
// source ports. Between "found free" and the real listen() — seconds when a child process must boot first —
// any outgoing connection on the machine (a test's HTTP client, a pg pool) may take that port, and the child
// dies with EADDRINUSE (seen in CI). Ports below the ephemeral range are never handed to outgoing
// connections, so only another listener could take one: a process picks at random within its own slice of
// that range (by pid), so two test workers picking at the same moment rarely even draw from the same ports.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const LOWEST = 10_000;
const SLICES = 16;
const ATTEMPTS = 50;
// Ports this process has handed out: never hand one out twice even if its listener has not started yet.
const handedOut = new Set<number>();

export async function freeLoopbackPort(): Promise<number> {
  const below = ephemeralRangeStart();
  if (below !== null && below - LOWEST >= SLICES * 100) {
    const width = Math.floor((below - LOWEST) / SLICES);
    const first = LOWEST + (process.pid % SLICES) * width;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const port = first + Math.floor(Math.random() * width);
      if (handedOut.has(port)) continue;
      if (await canListen(port)) {
        handedOut.add(port);
        return port;
      }
    }
  }
  const port = await listenOnce(0);
  handedOut.add(port);
  return port;
}

/** The first port of the kernel's ephemeral range (Linux), or null where it cannot be read. */
export function ephemeralRangeStart(): number | null {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    return low !== undefined && Number.isInteger(low) && low > 0 ? low : null;
  } catch {
    return null;
  }
}

async function canListen(port: number): Promise<boolean> {
  try {
    await listenOnce(port);
    return true;
  } catch {
    return false;
  }
}

function listenOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(bound));
    });
  });
}
