// The demo's failure scenarios. A request's scenario travels with it as W3C baggage (`demo.scenario`), set by
// the load generator and propagated by every service, so any mix of scenarios can run at the same time.
import { context, propagation } from '@opentelemetry/api';

export const SCENARIOS = ['healthy', 'out-of-stock', 'declined', 'slow-payment', 'retry-storm', 'cycle', 'skew'] as const;

export type Scenario = (typeof SCENARIOS)[number];

export const SCENARIO_BAGGAGE_KEY = 'demo.scenario';

export function isScenario(value: string): value is Scenario {
  return (SCENARIOS as readonly string[]).includes(value);
}

/** The scenario of the request being handled (from baggage on the active context); `healthy` when absent. */
export function activeScenario(): Scenario {
  const value = propagation.getBaggage(context.active())?.getEntry(SCENARIO_BAGGAGE_KEY)?.value;
  return value && isScenario(value) ? value : 'healthy';
}

/** Parses `--scenario a,b --scenario c` values; throws naming the unknown scenario. */
export function parseScenarios(values: readonly string[]): Scenario[] {
  const names = values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!isScenario(name)) throw new Error(`unknown scenario "${name}" (known: ${SCENARIOS.join(', ')})`);
  }
  return names.length ? [...new Set(names as Scenario[])] : [...SCENARIOS];
}
