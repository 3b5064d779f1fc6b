// "locks": a distributed deadlock between two requests. orders and stock each guard a row with an in-process
// lock; a request holds its lock in a span `lock NAME`; a request that has to wait records a span `lock NAME`
// with a span link to the holder's span (the holder may be in another trace), and gives up after 100 ms.
// checkout (trace A) holds orders:42 and needs stock:7; restock (trace B) holds stock:7 and needs orders:42.
// Neither trace alone shows the cycle; the two together do.
import { context, SpanStatusCode, trace, type SpanContext, type Tracer } from '@opentelemetry/api';
import { callHttp } from '../http-call';
import { sleep } from '../db-call';
import { startHttpService } from '../http-service';
import { serviceTelemetry, type ServiceTelemetry } from '../corpus-telemetry';
import { startTrace, type RecordedCase } from '../recorded-case';

export const LOCKS_HOSTS = { orders: 'lk-orders-1', stock: 'lk-stock-1' };
const LOCK_WAIT_MS = 100;

interface Held {
  holder: SpanContext;
  released: Promise<void>;
}

const locks = new Map<string, Held>();

async function withLock<T>(tracer: Tracer, name: string, work: () => Promise<T>): Promise<T> {
  const held = locks.get(name);
  const span = tracer.startSpan(`lock ${name}`, { attributes: { 'lock.name': name }, links: held ? [{ context: held.holder }] : [] });
  return context.with(trace.setSpan(context.active(), span), async () => {
    if (held) {
      const acquired = await Promise.race([held.released.then(() => true), sleep(LOCK_WAIT_MS).then(() => false)]);
      if (!acquired) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: `lock ${name}: wait timeout` });
        span.end();
        throw new Error(`lock ${name}: wait timeout`);
      }
    }
    let release!: () => void;
    locks.set(name, { holder: span.spanContext(), released: new Promise<void>((resolve) => (release = resolve)) });
    try {
      return await work();
    } finally {
      locks.delete(name);
      release();
      span.end();
    }
  });
}

export async function recordLocks(): Promise<{ telemetry: ServiceTelemetry[]; cases: RecordedCase[] }> {
  const orders = serviceTelemetry('orders', LOCKS_HOSTS.orders);
  const stock = serviceTelemetry('stock', LOCKS_HOSTS.stock);
  const urls = { orders: '', stock: '' };
  const guarded = (tracer: Tracer, lock: string, then?: () => string) => async () => {
    try {
      await withLock(tracer, lock, async () => {
        if (!then) return;
        await sleep(20);
        const res = await callHttp(tracer, then(), {});
        if (res.status >= 500) throw new Error('downstream failed');
      });
      return { status: 200 };
    } catch {
      return { status: 503 };
    }
  };
  const ordersSvc = await startHttpService(orders.tracer, {
    '/checkout': guarded(orders.tracer, 'orders:42', () => `${urls.stock}/reserve`),
    '/update': guarded(orders.tracer, 'orders:42'),
  });
  const stockSvc = await startHttpService(stock.tracer, {
    '/restock': guarded(stock.tracer, 'stock:7', () => `${urls.orders}/update`),
    '/reserve': guarded(stock.tracer, 'stock:7'),
  });
  urls.orders = ordersSvc.url;
  urls.stock = stockSvc.url;

  const cases: RecordedCase[] = [];
  for (let n = 0; n < 2; n++) {
    const [a, b] = await Promise.all([startTrace(`${ordersSvc.url}/checkout`), startTrace(`${stockSvc.url}/restock`)]);
    const forbid = [{ type: 'timeout-cascade' }];
    cases.push({
      traceId: a,
      scenario: 'cross-trace-deadlock',
      cause: { type: 'wait-for-cycle' },
      story: 'checkout holds orders:42 and waits for stock:7, held by a concurrent restock that waits for orders:42; both waits time out',
      // stock waited 100 ms for the lock: the time went there.
      expect: [
        { type: 'wait-for-cycle', service: 'orders' },
        { type: 'root-cause-error', service: 'stock' },
        { type: 'latency-hotspot', service: 'stock' },
      ],
      forbid,
    });
    cases.push({
      traceId: b,
      scenario: 'cross-trace-deadlock',
      cause: { type: 'wait-for-cycle' },
      story: 'restock holds stock:7 and waits for orders:42, held by a concurrent checkout that waits for stock:7; both waits time out',
      expect: [
        { type: 'wait-for-cycle', service: 'stock' },
        { type: 'root-cause-error', service: 'orders' },
        { type: 'latency-hotspot', service: 'orders' },
      ],
      forbid,
    });
    await sleep(50);
  }
  await sleep(300);
  await Promise.all([ordersSvc.close(), stockSvc.close()]);
  return { telemetry: [orders, stock], cases };
}
