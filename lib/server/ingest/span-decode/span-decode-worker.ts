// The span decode worker thread (span-decode-pool.ts starts it): runs runSpanDecodeJob for each message and
// answers with the prepared chunk, so the server's main thread never decodes, maps or serializes a trace export.
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { runSpanDecodeJob } from './span-decode-job';
import type { WorkerReply, WorkerRequest } from './span-decode-messages';

const port = parentPort;
if (!port) throw new Error('span-decode-worker.ts runs as a worker thread only');

// This thread's niceness (span-decode-pool.ts passes INGEST_DECODE_NICE). On Linux a thread has its own, and the
// main thread keeps its: when the cores are busy, the event loop gets one before decoding does. Elsewhere
// setpriority() would lower the whole process, so it is left alone. Lowering one's own priority needs no
// privilege; where it fails anyway, decoding at the same priority is still correct.
const nice = (workerData as { nice?: number } | null)?.nice ?? 0;
if (nice > 0 && process.platform === 'linux') {
  try {
    setPriority(nice);
  } catch {
    // see above
  }
}

port.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = { id: request.id, outcome: runSpanDecodeJob(request.job) };
  } catch (error) {
    reply = { id: request.id, failure: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
