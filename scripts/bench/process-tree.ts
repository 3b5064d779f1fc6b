// A process and its descendants (Linux /proc), for the benchmarks' per-server figures: `next start` may serve
// from a child process, so figures are summed over the tree rather than read for one pid.
import { readFileSync, readdirSync } from 'node:fs';

/** Direct children of every thread of `pid` (empty once it has exited). */
export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[] = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const task of tasks) {
    try {
      for (const child of readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ')) if (child.trim()) out.push(Number(child));
    } catch {
      // task ended
    }
  }
  return out;
}

/** `pid` and every living descendant, breadth-first (at most 1,000). */
export function processTree(pid: number): number[] {
  const queue = [pid];
  for (let i = 0; i < queue.length && queue.length < 1000; i++) queue.push(...childrenOf(queue[i]!));
  return queue.slice(0, 1000);
}
