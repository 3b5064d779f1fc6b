import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ephemeralRangeStart, freeLoopbackPort } from './free-port';

describe('freeLoopbackPort', () => {
  it('hands out distinct ports outside the ephemeral range that a listener can bind', async () => {
    const ports: number[] = [];
    for (let i = 0; i < 20; i++) ports.push(await freeLoopbackPort());
    expect(new Set(ports).size).toBe(ports.length);
    const below = ephemeralRangeStart();
    if (below !== null) for (const port of ports) expect(port).toBeLessThan(below);
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(ports[0], '127.0.0.1', resolve);
    });
    await new Promise((resolve) => server.close(resolve));
  });
});
