// "bookings": ticket booking over node:http. api (entry) → seats → payments; payments runs on a host whose
// clock is 300 ms ahead (simulated) and, like many services, releases its idempotency lock in `finally` after
// replying, so its server spans end a few ms after its callers got the answer. Client spans are named by
// method only (`POST`), as generic HTTP instrumentations do.
import { callHttp } from '../http-call';
import { queryDb, burnCpu, sleep } from '../db-call';
import { startHttpService, type HttpService } from '../http-service';
import { serviceTelemetry, type ServiceTelemetry } from '../corpus-telemetry';
import { startTrace, type RecordedCase } from '../recorded-case';

export const BOOKINGS_HOSTS = { api: 'bk-api-1', seats: 'bk-seats-1', payments: 'bk-pay-1' };
const PAYMENTS_SKEW_MS = 300;

export async function recordBookings(): Promise<{ telemetry: ServiceTelemetry[]; cases: RecordedCase[] }> {
  const api = serviceTelemetry('api', BOOKINGS_HOSTS.api);
  const seats = serviceTelemetry('seats', BOOKINGS_HOSTS.seats);
  const payments = serviceTelemetry('payments', BOOKINGS_HOSTS.payments, PAYMENTS_SKEW_MS);
  let authorizeFailuresLeft = 0;
  const paymentsSvc = await startHttpService(payments.tracer, {
    '/authorize': async (body) => {
      burnCpu(1);
      const fail = authorizeFailuresLeft > 0;
      if (fail) authorizeFailuresLeft--;
      const slowMs = Number(body.slowMs ?? 0);
      if (slowMs) await sleep(slowMs);
      return { status: fail ? 503 : 200, body: { ok: !fail }, cleanup: () => sleep(2 + Math.random() * 6) };
    },
  });
  const seatsSvc: HttpService = await startHttpService(seats.tracer, {
    '/hold': async (body) => {
      burnCpu(1);
      const pay = await callHttp(seats.tracer, `${paymentsSvc.url}/authorize`, { slowMs: body.slowMs });
      return { status: pay.status >= 500 ? 502 : 200, cleanup: () => sleep(1 + Math.random() * 8) };
    },
    '/step': async () => {
      burnCpu(4);
      return { status: 200 };
    },
    '/lock/acquire': async (body) => ({ status: body.busy ? 503 : 200 }),
    '/lock/release': async () => ({ status: 200 }),
    '/seatmap': async () => {
      for (let i = 0; i < 40; i++) await queryDb(seats.tracer, 'SELECT * FROM seats WHERE id = $1', 0.2);
      return { status: 200 };
    },
  });
  const apiSvc = await startHttpService(api.tracer, {
    '/sequential': async () => {
      for (let i = 0; i < 5; i++) await callHttp(api.tracer, `${seatsSvc.url}/step`, {});
      return { status: 200 };
    },
    '/book': async () => {
      const hold = await callHttp(api.tracer, `${seatsSvc.url}/hold`, {});
      return { status: hold.status >= 500 ? 502 : 200 };
    },
    '/book-timeout': async () => {
      try {
        await callHttp(api.tracer, `${seatsSvc.url}/hold`, { slowMs: 150 }, { timeoutMs: 60, timeoutStyle: 'exception' });
        return { status: 200 };
      } catch {
        return { status: 504 };
      }
    },
    '/locks': async () => {
      await callHttp(api.tracer, `${seatsSvc.url}/lock/acquire`, { resource: 'seat:12' });
      const second = await callHttp(api.tracer, `${seatsSvc.url}/lock/acquire`, { resource: 'seat:13', busy: true });
      await callHttp(api.tracer, `${seatsSvc.url}/lock/release`, { resource: 'seat:12' });
      return { status: second.status >= 500 ? 503 : 200 };
    },
    '/pay-retry': async (body) => {
      const attempts = Number(body.attempts);
      let last = 0;
      for (let attempt = 1; attempt <= attempts; attempt++) {
        last = (await callHttp(api.tracer, `${paymentsSvc.url}/authorize`, {})).status;
        if (last < 500) break;
        await sleep(10 * attempt);
      }
      return { status: last >= 500 ? 503 : 200 };
    },
    '/seatmap': async () => {
      await callHttp(api.tracer, `${seatsSvc.url}/seatmap`, {});
      return { status: 200 };
    },
  });

  const skew = { type: 'clock-skew', host: BOOKINGS_HOSTS.payments };
  const cases: RecordedCase[] = [];
  for (let n = 0; n < 2; n++) {
    cases.push({
      traceId: await startTrace(`${apiSvc.url}/sequential`),
      scenario: 'sequential-calls',
      story: 'api makes five quick calls to seats one after another; seats does the work, api almost none',
      expect: [],
      forbid: [{ type: 'latency-hotspot', service: 'api' }, { type: 'retry-storm' }],
      allow: [{ type: 'latency-hotspot' }],
    });
    authorizeFailuresLeft = 1;
    cases.push({
      traceId: await startTrace(`${apiSvc.url}/book`),
      scenario: 'error-cascade',
      cause: { type: 'root-cause-error', service: 'payments' },
      story: 'payments answers 503, seats answers 502, api 502; every caller got an answer, and the callees released locks after replying',
      expect: [{ type: 'root-cause-error', service: 'payments' }, skew],
      forbid: [{ type: 'timeout-cascade' }],
      allow: [{ type: 'latency-hotspot' }],
    });
    cases.push({
      traceId: await startTrace(`${apiSvc.url}/locks`),
      scenario: 'distinct-calls-same-name',
      cause: { type: 'root-cause-error', service: 'seats' },
      story: 'api acquires seat:12, fails to acquire seat:13 (503), releases seat:12: three different POSTs, not retries',
      expect: [{ type: 'root-cause-error', service: 'seats' }],
      forbid: [{ type: 'retry-storm' }],
      allow: [{ type: 'latency-hotspot' }],
    });
    authorizeFailuresLeft = 2;
    cases.push({
      traceId: await startTrace(`${apiSvc.url}/pay-retry`, { attempts: 3 }),
      scenario: 'recovered-retry',
      story: 'payments answers 503 twice, api backs off and the third attempt succeeds: resilience working',
      expect: [{ type: 'root-cause-error', service: 'payments' }, skew],
      forbid: [{ type: 'retry-storm' }, { type: 'timeout-cascade' }],
      allow: [{ type: 'latency-hotspot' }],
    });
    authorizeFailuresLeft = 4;
    cases.push({
      traceId: await startTrace(`${apiSvc.url}/pay-retry`, { attempts: 4 }),
      scenario: 'retry-storm',
      cause: { type: 'root-cause-error', service: 'payments' },
      story: 'payments answers 503 to all four attempts; api gives up with 503',
      // 10 + 20 + 30 ms of backoff between the attempts: api's own waiting, by design.
      expect: [{ type: 'retry-storm', service: 'payments' }, { type: 'root-cause-error', service: 'payments' }, { type: 'latency-hotspot', service: 'api' }, skew],
      forbid: [{ type: 'timeout-cascade' }],
      allow: [{ type: 'latency-hotspot' }],
    });
    cases.push({
      traceId: await startTrace(`${apiSvc.url}/seatmap`),
      scenario: 'sequential-n-plus-one',
      cause: { type: 'n-plus-one', service: 'seats' },
      story: 'seats runs the same SELECT forty times one after another to draw one seat map',
      expect: [{ type: 'n-plus-one', service: 'seats' }],
      forbid: [{ type: 'fan-out-burst' }, { type: 'retry-storm' }],
      allow: [{ type: 'latency-hotspot' }],
    });
    cases.push({
      traceId: await startTrace(`${apiSvc.url}/book-timeout`),
      scenario: 'middle-timeout',
      cause: { type: 'timeout-cascade', service: 'payments' },
      story: "api gives up on seats after 60 ms; seats' server span is closed at the abort while its call to payments runs on for 150 ms",
      expect: [{ type: 'timeout-cascade', service: 'api' }, { type: 'timeout-cascade', service: 'seats' }, { type: 'root-cause-error', service: 'api' }, skew],
      forbid: [],
      allow: [{ type: 'latency-hotspot' }],
    });
    // api gave up, but seats' call to payments is still running: let it finish inside this trace.
    await sleep(200);
  }
  await sleep(300);
  await Promise.all([apiSvc.close(), seatsSvc.close(), paymentsSvc.close()]);
  return { telemetry: [api, seats, payments], cases };
}
