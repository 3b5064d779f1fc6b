// Resident memory of a process and all its descendants (Linux /proc), for the benchmarks' server-memory
// figures: `next start` may serve from a child process, so the tree is summed rather than one pid read.
import { readFileSync, readdirSync } from 'node:fs';

/** RSS in MB of one process (0 once it has exited). */
export function processRssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0; // exited between listing and reading
  }
}

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

/** RSS in MB of `pid` plus every descendant. */
export function processTreeRssMb(pid: number): number {
  let total = 0;
  const queue = [pid];
  for (let i = 0; i < queue.length && i < 1000; i++) {
    total += processRssMb(queue[i]!);
    queue.push(...childrenOf(queue[i]!));
  }
  return total;
}

/** Samples processTreeRssMb(pid) every 50 ms until stop(), which returns the peak. */
export function samplePeakRss(pid: number): { stop: () => number } {
  let peak = processTreeRssMb(pid);
  const timer = setInterval(() => (peak = Math.max(peak, processTreeRssMb(pid))), 50);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, processTreeRssMb(pid));
    },
  };
}
