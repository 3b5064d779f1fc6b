// The load generator: sends orders to gateway at `rate` requests/s for `durationMs` (or `count` requests),
// cycling through the chosen scenarios, each request tagged with W3C baggage `demo.scenario=<name>`.
// Every answered request becomes a manifest entry (trace id from gateway's answer + expected findings).
import { SCENARIO_BAGGAGE_KEY, type Scenario } from '../scenarios/scenario';
import { expectedFindings } from '../scenarios/expected-findings';
import type { ManifestEntry } from './manifest-entry';
import { orderForScenario } from './order-for-scenario';

export interface LoadOptions {
  gatewayUrl: string;
  scenarios: readonly Scenario[];
  rate: number;
  /** Stop after this long (ms) … */
  durationMs?: number;
  /** … or after this many requests, whichever comes first. */
  count?: number;
  skewMs: number;
  onEntry(entry: ManifestEntry): void;
  /** Stops sending new requests when aborted; in-flight ones finish. */
  signal?: AbortSignal;
}

export async function generateLoad(options: LoadOptions): Promise<{ sent: number; failed: number }> {
  const started = Date.now();
  const interval = 1_000 / options.rate;
  const inFlight = new Set<Promise<void>>();
  let sent = 0;
  let failed = 0;
  for (let sequence = 0; ; sequence++) {
    if (options.signal?.aborted) break;
    if (options.count !== undefined && sequence >= options.count) break;
    if (options.durationMs !== undefined && Date.now() - started >= options.durationMs) break;
    const scenario = options.scenarios[sequence % options.scenarios.length]!;
    const request = sendOrder(options, scenario, sequence).then(
      (entry) => {
        sent++;
        options.onEntry(entry);
      },
      () => {
        failed++;
      },
    );
    inFlight.add(request);
    void request.finally(() => inFlight.delete(request));
    const nextAt = started + (sequence + 1) * interval;
    await sleepUntil(nextAt, options.signal);
  }
  await Promise.all(inFlight);
  return { sent, failed };
}

async function sendOrder(options: LoadOptions, scenario: Scenario, sequence: number): Promise<ManifestEntry> {
  const sentAt = new Date();
  const res = await fetch(`${options.gatewayUrl}/api/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', baggage: `${SCENARIO_BAGGAGE_KEY}=${scenario}` },
    body: JSON.stringify(orderForScenario(scenario, sequence)),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await res.json()) as { trace_id?: unknown };
  const traceId = typeof body.trace_id === 'string' ? body.trace_id : (res.headers.get('x-trace-id') ?? '');
  if (!/^[0-9a-f]{32}$/.test(traceId)) throw new Error(`gateway answered ${res.status} without a trace id`);
  return {
    traceId,
    scenario,
    status: res.status,
    durationMs: Date.now() - sentAt.getTime(),
    sentAt: sentAt.toISOString(),
    expected: expectedFindings(scenario, options.skewMs),
  };
}

function sleepUntil(at: number, signal?: AbortSignal): Promise<void> {
  const ms = at - Date.now();
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
