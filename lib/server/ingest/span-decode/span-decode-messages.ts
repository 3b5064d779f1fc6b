// The messages between the server and its span decode workers.
import type { SpanDecodeJob, SpanDecodeOutcome } from './span-decode-job';

export interface WorkerRequest {
  id: number;
  job: SpanDecodeJob;
}

/** `failure`: the job threw something other than a decode error (a bug): the request gets a 500. */
export type WorkerReply = { id: number; outcome: SpanDecodeOutcome } | { id: number; failure: string };
