// The span decode worker thread (span-decode-pool.ts starts it): runs runSpanDecodeJob for each message and
// answers with the prepared chunk, so the server's main thread never decodes, maps or serializes a trace export.
import { parentPort } from 'node:worker_threads';
import { runSpanDecodeJob } from './span-decode-job';
import type { WorkerReply, WorkerRequest } from './span-decode-messages';

const port = parentPort;
if (!port) throw new Error('span-decode-worker.ts runs as a worker thread only');

port.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = { id: request.id, outcome: runSpanDecodeJob(request.job) };
  } catch (error) {
    reply = { id: request.id, failure: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
