// Resident memory of a process and all its descendants (Linux /proc, process-tree.ts), for the benchmarks'
// server-memory figures.
import { readFileSync } from 'node:fs';
import { processTree } from './process-tree';

/** RSS in MB of one process (0 once it has exited). */
export function processRssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0; // exited between listing and reading
  }
}

/** RSS in MB of `pid` plus every descendant. */
export function processTreeRssMb(pid: number): number {
  return processTree(pid).reduce((total, p) => total + processRssMb(p), 0);
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
