import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestWindow } from '@/lib/domain/model/ingest-window';
import { makeSpan } from '@/test/support/make-span';
import { otlpJsonFromSpans } from '@/test/support/otlp-json-from-spans';
import { decodeSpanExport, stopSpanDecodeWorkers } from './span-decode-pool';
import { runSpanDecodeJob, type SpanDecodeJob } from './span-decode-job';

const NOW = BigInt(Date.now()) * 1_000_000n;

function job(text: string): SpanDecodeJob {
  return {
    format: 'json',
    body: new TextEncoder().encode(text),
    tenant: 'default',
    limits: { attributeValueLengthLimit: 1024 },
    window: ingestWindow(NOW, 7),
  };
}

function exportOf(count: number): string {
  const spans = Array.from({ length: count }, (_, i) =>
    makeSpan({
      traceId: 'ab'.repeat(16),
      spanId: (i + 1).toString(16).padStart(16, '0'),
      startTimeUnixNano: NOW - 1_000_000n,
      endTimeUnixNano: NOW,
      attributes: { 'http.route': { stringValue: `/item/${i}` } },
    }),
  );
  return otlpJsonFromSpans(spans);
}

afterAll(() => stopSpanDecodeWorkers());

/** How many of this process's threads run at `nice` (Linux: field 19 of /proc/self/task/TID/stat). */
function threadsAtNiceness(nice: number): number {
  let n = 0;
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) start at field 3, the state.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[19 - 3]) === nice) n++;
    } catch {
      // the thread ended while being listed
    }
  }
  return n;
}

describe('decodeSpanExport', () => {
  it('decodes in a worker thread (the body is transferred: detached here) to what the request thread would produce', async () => {
    const text = exportOf(50);
    const threaded = job(text);
    const outcome = await decodeSpanExport(threaded, 1);
    expect(threaded.body.byteLength).toBe(0);
    expect(outcome).toEqual(runSpanDecodeJob(job(text)));
    expect(outcome.ok && outcome.chunk.rows).toBe(50);
  });

  it('copies a body that is a view into a larger buffer instead of detaching that buffer', async () => {
    const text = exportOf(3);
    const bytes = new TextEncoder().encode(`xx${text}yy`);
    const view = bytes.subarray(2, bytes.length - 2);
    const outcome = await decodeSpanExport({ ...job(text), body: view }, 1);
    expect(bytes.byteLength).toBe(text.length + 4);
    expect(outcome.ok && outcome.chunk.rows).toBe(3);
  });

  it('answers a malformed body with the decode error, and keeps serving', async () => {
    const bad = await decodeSpanExport(job('{"resourceSpans": 5}'), 1);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.badRequest).toMatch(/resourceSpans/);
    const good = await decodeSpanExport(job(exportOf(2)), 1);
    expect(good.ok && good.chunk.rows).toBe(2);
  });

  it('fails the pending jobs of a worker that stops with a 500, and starts a new worker for the next job', async () => {
    const pending = decodeSpanExport(job(exportOf(20_000)), 1);
    await stopSpanDecodeWorkers();
    await expect(pending).rejects.toMatchObject({ code: 'internal' });
    const next = await decodeSpanExport(job(exportOf(1)), 1);
    expect(next.ok && next.chunk.rows).toBe(1);
  });

  it.runIf(existsSync('/proc/self/task'))('starts its worker thread at the niceness asked for; the calling thread keeps its own', async () => {
    await stopSpanDecodeWorkers();
    const own = getPriority();
    const before = threadsAtNiceness(7);
    const outcome = await decodeSpanExport(job(exportOf(1)), 1, 7);
    expect(outcome.ok).toBe(true);
    expect(threadsAtNiceness(7)).toBe(before + 1);
    expect(getPriority()).toBe(own);
    await stopSpanDecodeWorkers();
  });

  it('decodes in the calling thread with 0 threads', async () => {
    const inThread = job(exportOf(4));
    const outcome = await decodeSpanExport(inThread, 0);
    expect(inThread.body.byteLength).toBeGreaterThan(0);
    expect(outcome.ok && outcome.chunk.rows).toBe(4);
  });
});
