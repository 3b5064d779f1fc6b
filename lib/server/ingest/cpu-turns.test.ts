// Turns: pieces of synchronous work run in order, one per event-loop iteration, with I/O polled between them.
import { describe, expect, it } from 'vitest';
import { cpuTurn, inOwnTurn } from './cpu-turns';

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
});
