// CPU time (user + system) of a process and its descendants, from /proc/<pid>/stat: on the shared, loaded dev
// machine wall-clock rates swing with other people's work, CPU seconds per stored span much less.
import { readFileSync } from 'node:fs';
import { processTree } from './process-tree';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name (which may contain spaces): utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0; // exited
  }
}

/** CPU seconds used so far by `pid` plus every living descendant. */
export function processTreeCpuSeconds(pid: number): number {
  return processTree(pid).reduce((total, p) => total + cpuSecondsOf(p), 0);
}
