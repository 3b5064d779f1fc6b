// Ground truth: what a correct diagnosis of each scenario's trace must contain. Secondary findings that the
// spans genuinely show are listed too (a timed-out client call *is* the deepest error span), so that an
// engine reporting them is not counted as a false alarm.
import { SHOP_HOSTS } from '../orchestrate/start-shop';
import type { Scenario } from './scenario';

export type ExpectedFinding =
  | { type: 'root-cause-error'; service: string }
  | { type: 'timeout-cascade'; service: string }
  | { type: 'retry-storm'; service: string }
  | { type: 'service-cycle'; path: string[] }
  | { type: 'clock-skew'; host: string; offsetMs: number };

export type FindingType = ExpectedFinding['type'];

/** Finding types the accuracy check scores (precision is computed over all traces for each). */
export const SCORED_TYPES: readonly FindingType[] = ['root-cause-error', 'timeout-cascade', 'retry-storm', 'service-cycle', 'clock-skew'];

export function expectedFindings(scenario: Scenario, skewMs: number): ExpectedFinding[] {
  switch (scenario) {
    case 'healthy':
      return [];
    case 'out-of-stock':
      return [{ type: 'root-cause-error', service: 'inventory' }];
    case 'declined':
      return [{ type: 'root-cause-error', service: 'payment' }];
    case 'slow-payment':
      // gateway gave up on payment (its client span is the deepest error); payment finished later.
      return [
        { type: 'timeout-cascade', service: 'payment' },
        { type: 'root-cause-error', service: 'gateway' },
      ];
    case 'retry-storm':
      return [
        { type: 'retry-storm', service: 'payment' },
        { type: 'root-cause-error', service: 'payment' },
      ];
    case 'cycle':
      // pricing's call back into inventory times out while inventory's availability check is still waiting.
      return [
        { type: 'service-cycle', path: ['inventory', 'pricing', 'inventory'] },
        { type: 'timeout-cascade', service: 'inventory' },
        { type: 'root-cause-error', service: 'pricing' },
      ];
    case 'skew':
      return [{ type: 'clock-skew', host: SHOP_HOSTS.paymentSkewed, offsetMs: skewMs }];
  }
}
