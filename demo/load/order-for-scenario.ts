// The order body the load generator sends for a scenario. Most scenarios are selected by baggage alone;
// out-of-stock and declined are driven by the data itself, as they would be in production.
import type { Scenario } from '../scenarios/scenario';

export interface OrderRequest {
  product_id: string;
  amount: number;
  user: string;
}

export function orderForScenario(scenario: Scenario, sequence: number): OrderRequest {
  const user = `user-${(sequence % 50) + 1}`;
  const amount = 20 + ((sequence * 37) % 480);
  switch (scenario) {
    case 'out-of-stock':
      return { product_id: 'sku-sold-out', amount, user };
    case 'declined':
      return { product_id: `sku-${sequence % 7}`, amount: 10_001 + ((sequence * 131) % 40_000), user };
    case 'cycle':
      // Its own product, so the deadlocked reservation does not block other scenarios' orders.
      return { product_id: `sku-cycle-${sequence}`, amount, user };
    default:
      return { product_id: `sku-${sequence % 7}`, amount, user };
  }
}
