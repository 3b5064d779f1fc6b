// Turns: pieces of synchronous work run in order, one per event-loop iteration, with I/O polled between them.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { cpuTurn, inOwnTurn, MAX_ACCEPT_HOPS } from './cpu-turns';

describe('inOwnTurn', () => {
  it('runs work in arrival order and settles with its result or error', async () => {
    const order: number[] = [];
    const results = await Promise.allSettled([
      inOwnTurn(() => (order.push(1), 'a')),
      inOwnTurn(() => {
        order.push(2);
        throw new Error('bad body');
      }),
      inOwnTurn(() => (order.push(3), 'c')),
    ]);
    expect(order).toEqual([1, 2, 3]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['a', 'bad body', 'c']);
  });

  it('lets the event loop serve other callbacks between two pieces instead of running a backlog back to back', async () => {
    const log: string[] = [];
    const pieces = [1, 2, 3].map((n) =>
      inOwnTurn(() => {
        log.push(`piece ${n}`);
        // Stands for a request that arrives while piece n runs: it must be served before piece n + 1.
        setImmediate(() => log.push(`arrival during ${n}`));
      }),
    );
    await Promise.all(pieces);
    await new Promise((r) => setImmediate(r));
    expect(log).toEqual(['piece 1', 'arrival during 1', 'piece 2', 'arrival during 2', 'piece 3', 'arrival during 3']);
  });

  it('cpuTurn runs the code after it in the turn', async () => {
    const log: string[] = [];
    const a = cpuTurn().then(() => log.push('after turn a'));
    const b = inOwnTurn(() => log.push('piece b'));
    await Promise.all([a, b]);
    expect(log).toEqual(['after turn a', 'piece b']);
  });

  it('accepts the connections waiting at the listen socket between two pieces, not one per piece', async () => {
    // libuv accepts one connection per loop iteration; with one piece per iteration, 12 waiting connections
    // used to be accepted over the next 12 pieces (under overload: seconds in the accept queue).
    const server = net.createServer((socket) => {
      log.push('accept');
      socket.destroy();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const log: string[] = [];
    const waiting = 12;
    expect(waiting).toBeLessThan(MAX_ACCEPT_HOPS);
    const pieces = Array.from({ length: 2 * waiting }, (_, i) => inOwnTurn(() => log.push(`piece ${i}`)));
    // Connected before the loop polls again (the connect() calls run on this tick's nextTick queue).
    const { port } = server.address() as net.AddressInfo;
    const clients = Array.from({ length: waiting }, () => net.connect(port, '127.0.0.1').on('error', () => {}));
    await Promise.all(pieces);
    while (log.filter((l) => l === 'accept').length < waiting) await new Promise((r) => setTimeout(r, 5));
    for (const c of clients) c.destroy();
    await new Promise((r) => server.close(r));
    const lastAccept = log.lastIndexOf('accept');
    const piecesBefore = log.slice(0, lastAccept).filter((l) => l.startsWith('piece')).length;
    expect(piecesBefore).toBeLessThanOrEqual(1);
  });
});
