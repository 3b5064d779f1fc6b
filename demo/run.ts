// `npm run demo [-- --scenario NAME[,NAME] --rate N --duration S --target URL --manifest FILE --skew-ms MS]`
// Starts Tracehound when nothing answers at the target, the demo shop's services, and a load generator
// mixing the chosen scenarios (all by default), writing the ground-truth manifest as it goes. Runs until
// --duration elapses or Ctrl-C; then stops the load, stops the services (they flush spans and logs) and,
// on Ctrl-C, the Tracehound it started. A second Ctrl-C kills everything at once.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateLoad } from './load/generate-load';
import type { ManifestEntry } from './load/manifest-entry';
import { ensureTracehound } from './orchestrate/ensure-tracehound';
import { startShop, SHOP_HOSTS } from './orchestrate/start-shop';
import { parseScenarios } from './scenarios/scenario';

const log = (line: string) => console.log(`[demo] ${line}`);

const USAGE = `usage: npm run demo [-- OPTIONS]
  --scenario NAME[,NAME]  healthy, out-of-stock, declined, slow-payment, retry-storm, cycle, skew (repeatable; default all)
  --rate N                orders per second (default 5)
  --duration S            stop after S seconds (default: until Ctrl-C)
  --target URL            Tracehound to send to; started here when nothing answers (default http://127.0.0.1:$PORT)
  --manifest FILE         ground-truth manifest to write (default .data/demo-manifest.jsonl)
  --skew-ms N             simulated clock offset of payment's replica host (default 250; negative = behind)
  --verbose               log every request
  --no-agent              send traffic directly, without the Tracehound agents between the services
  --help                  this text`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string', multiple: true, default: [] },
      rate: { type: 'string', default: '5' },
      duration: { type: 'string' },
      target: { type: 'string', default: process.env.TRACEHOUND_URL ?? `http://127.0.0.1:${process.env.PORT ?? '3000'}` },
      manifest: { type: 'string', default: path.join('.data', 'demo-manifest.jsonl') },
      'skew-ms': { type: 'string', default: '250' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      'no-agent': { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const scenarios = parseScenarios(values.scenario ?? []);
  const rate = positiveNumber(values.rate, '--rate');
  const durationMs = values.duration === undefined ? undefined : positiveNumber(values.duration, '--duration') * 1_000;
  const skewMs = Number(values['skew-ms']);
  if (!Number.isFinite(skewMs)) throw new Error('--skew-ms must be a number of milliseconds (negative = behind)');
  const target = values.target.replace(/\/$/, '');

  const stopping = new AbortController();
  let interrupted = false;
  process.on('SIGINT', () => {
    if (interrupted) {
      log('second Ctrl-C: killing everything now');
      process.exit(130);
    }
    interrupted = true;
    log('stopping (Ctrl-C again to force)...');
    stopping.abort();
  });
  process.on('SIGTERM', () => {
    interrupted = true;
    stopping.abort();
  });

  const tracehound = await ensureTracehound(target, log, stopping.signal);
  if (stopping.signal.aborted) return tracehound.stop();
  const shop = await startShop({ target, skewMs, verbose: values.verbose, agent: !values['no-agent'], token: tracehound.token ?? process.env.TRACEHOUND_TOKEN });
  mkdirSync(path.dirname(path.resolve(values.manifest)), { recursive: true });
  writeFileSync(values.manifest, '');
  log(`shop up: gateway ${shop.gatewayUrl}; hosts ${Object.values(SHOP_HOSTS).join(', ')} (${SHOP_HOSTS.paymentSkewed} clock ${skewMs >= 0 ? '+' : ''}${skewMs} ms, simulated)`);
  log(`scenarios: ${scenarios.join(', ')} at ${rate}/s${durationMs ? ` for ${durationMs / 1000} s` : ' until Ctrl-C'}`);
  log(`dashboard: ${target}/`);
  if (shop.agentControlUrl) log(`agent:     ${shop.agentControlUrl} (registered as demo-agent; see ${target}/agents)`);
  log(`manifest:  ${values.manifest}`);

  const counts = new Map<string, number>();
  const started = Date.now();
  const progress = setInterval(() => {
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    log(`${total} orders in ${Math.round((Date.now() - started) / 1000)} s (${[...counts].map(([s, n]) => `${s} ${n}`).join(', ')})`);
  }, 10_000);
  const result = await generateLoad({
    gatewayUrl: shop.gatewayUrl,
    scenarios,
    rate,
    durationMs,
    skewMs,
    signal: stopping.signal,
    onEntry(entry: ManifestEntry) {
      appendFileSync(values.manifest, `${JSON.stringify(entry)}\n`);
      counts.set(entry.scenario, (counts.get(entry.scenario) ?? 0) + 1);
    },
  });
  clearInterval(progress);
  log(`load finished: ${result.sent} orders recorded, ${result.failed} without an answer`);
  log('stopping services (flushing spans and logs)...');
  await shop.stop();
  log(`check the diagnoses with: npm run demo:check -- ${values.manifest} --target ${target}${tracehound.token ? ` --token ${tracehound.token}` : ' --token <viewer API token>'}`);
  if (tracehound.startedHere && !interrupted) {
    log(`Tracehound keeps serving the dashboard at ${target}/ — Ctrl-C to stop it`);
    await new Promise<void>((resolve) => stopping.signal.addEventListener('abort', () => resolve(), { once: true }));
  }
  await tracehound.stop();
}

function positiveNumber(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${flag} must be a positive number, got "${text}"`);
  return value;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[demo] ${(error as Error).message}`);
    process.exit(1);
  },
);
