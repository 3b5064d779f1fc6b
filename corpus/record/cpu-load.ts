// Background CPU load while the corpus is recorded, so span timings carry the jitter of a loaded machine:
// `workers` threads spinning until stop() (and in any case for at most `maxMs`, so a crash of the recorder
// cannot leave them running).
import { Worker } from 'node:worker_threads';

export function startCpuLoad(workers: number, maxMs: number): { stop(): Promise<void> } {
  const code = `const { workerData, parentPort } = require('node:worker_threads');
    const until = Date.now() + workerData.maxMs; let stop = false; let x = 0;
    parentPort.on('message', () => { stop = true; });
    function spin() { const slice = Date.now() + 20; while (Date.now() < slice) x += Math.sqrt(x + 1); if (!stop && Date.now() < until) setImmediate(spin); else process.exit(0); }
    spin();`;
  const threads = Array.from({ length: workers }, () => new Worker(code, { eval: true, workerData: { maxMs } }));
  return {
    async stop() {
      await Promise.all(
        threads.map(
          (t) =>
            new Promise<void>((resolve) => {
              t.once('exit', () => resolve());
              t.postMessage('stop');
            }),
        ),
      );
    },
  };
}
