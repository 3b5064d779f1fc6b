// "media": uploads over node:http plus a job queue. uploader (entry) publishes a job (PRODUCER span, trace
// context in the message headers); worker consumes it (CONSUMER span) on a host whose clock is 400 ms behind
// (simulated) and stores the result through store. store does real CPU work for thumbnails.
import { context, SpanKind, trace } from '@opentelemetry/api';
import { callHttp } from '../http-call';
import { burnCpu, sleep } from '../db-call';
import { startHttpService, traceContext } from '../http-service';
import { serviceTelemetry, type ServiceTelemetry } from '../corpus-telemetry';
import { startTrace, type RecordedCase } from '../recorded-case';

export const MEDIA_HOSTS = { uploader: 'md-up-1', worker: 'md-work-1', store: 'md-store-1' };
const WORKER_SKEW_MS = -400;

interface Job {
  headers: Record<string, string>;
}

export async function recordMedia(): Promise<{ telemetry: ServiceTelemetry[]; cases: RecordedCase[] }> {
  const uploader = serviceTelemetry('uploader', MEDIA_HOSTS.uploader);
  const worker = serviceTelemetry('worker', MEDIA_HOSTS.worker, WORKER_SKEW_MS);
  const store = serviceTelemetry('store', MEDIA_HOSTS.store);
  const storeSvc = await startHttpService(store.tracer, {
    '/put': async () => {
      burnCpu(2);
      return { status: 200 };
    },
    '/render': async () => {
      burnCpu(80);
      return { status: 200 };
    },
    '/thumb': async () => {
      await sleep(15);
      return { status: 200 };
    },
  });
  const queue: Job[] = [];
  const consume = async (): Promise<void> => {
    const job = queue.shift();
    if (!job) return;
    const parent = traceContext.extract(context.active(), job.headers, { keys: (c) => Object.keys(c), get: (c, k) => c[k] });
    const span = worker.tracer.startSpan('media.jobs process', { kind: SpanKind.CONSUMER, attributes: { 'messaging.system': 'memory', 'messaging.destination.name': 'media.jobs' } }, parent);
    await context.with(trace.setSpan(parent, span), async () => {
      burnCpu(2);
      await callHttp(worker.tracer, `${storeSvc.url}/put`, {});
    });
    span.end();
  };
  const uploaderSvc = await startHttpService(uploader.tracer, {
    '/upload': async () => {
      const span = uploader.tracer.startSpan('media.jobs publish', { kind: SpanKind.PRODUCER, attributes: { 'messaging.system': 'memory', 'messaging.destination.name': 'media.jobs' } });
      context.with(trace.setSpan(context.active(), span), () => {
        const headers: Record<string, string> = {};
        traceContext.inject(context.active(), headers, { set: (c, k, v) => (c[k] = v) });
        queue.push({ headers });
      });
      span.end();
      setTimeout(() => void consume(), 5);
      // Fire and forget: the upload is accepted before the job runs.
      return { status: 202 };
    },
    '/render': async () => {
      await callHttp(uploader.tracer, `${storeSvc.url}/render`, {});
      return { status: 200 };
    },
    '/thumbnails': async () => {
      await Promise.all(Array.from({ length: 12 }, (_, i) => callHttp(uploader.tracer, `${storeSvc.url}/thumb`, { size: i })));
      return { status: 200 };
    },
  });

  const cases: RecordedCase[] = [];
  for (let n = 0; n < 2; n++) {
    cases.push({
      traceId: await startTrace(`${uploaderSvc.url}/upload`),
      scenario: 'async-skew',
      story: "worker's consumer span starts before uploader's producer span started: worker's clock is 400 ms behind",
      expect: [{ type: 'clock-skew', host: MEDIA_HOSTS.worker }],
      forbid: [{ type: 'clock-skew', host: MEDIA_HOSTS.store }],
      // The consumer is detached work, so the uploader's quick reply is the whole critical path.
      allow: [{ type: 'latency-hotspot' }],
    });
    cases.push({
      traceId: await startTrace(`${uploaderSvc.url}/render`),
      scenario: 'cpu-hotspot',
      cause: { type: 'latency-hotspot', service: 'store' },
      story: 'store spends 80 ms of CPU rendering; everything else is quick',
      expect: [{ type: 'latency-hotspot', service: 'store' }],
      forbid: [],
    });
    cases.push({
      traceId: await startTrace(`${uploaderSvc.url}/thumbnails`),
      scenario: 'parallel-fan-out',
      story: 'uploader asks store for twelve thumbnails at once',
      expect: [{ type: 'fan-out-burst', service: 'store' }],
      forbid: [{ type: 'retry-storm' }, { type: 'n-plus-one' }],
      allow: [{ type: 'latency-hotspot' }],
    });
  }
  await sleep(300);
  await Promise.all([uploaderSvc.close(), storeSvc.close()]);
  return { telemetry: [uploader, worker, store], cases };
}
