// What a system's scenario hands back to the recorder: the trace(s) it produced and their ground truth.
import type { ExpectedFinding } from '../check/corpus-case';

export interface RecordedCase {
  traceId: string;
  scenario: string;
  story: string;
  expect: ExpectedFinding[];
  forbid: ExpectedFinding[];
  allow?: ExpectedFinding[];
  /** The one most likely cause the engine should name (likely-cause.ts); unset where the trace shows no problem. */
  cause?: ExpectedFinding;
}

/** Sends the request that starts a trace (no span of its own) and returns the trace id the entry service answered with. */
export async function startTrace(url: string, payload: unknown = {}): Promise<string> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', connection: 'close' }, body: JSON.stringify(payload) });
  await res.arrayBuffer();
  const traceId = res.headers.get('x-trace-id');
  if (!traceId) throw new Error(`${url} answered ${res.status} without x-trace-id`);
  return traceId;
}
