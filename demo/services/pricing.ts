// pricing: answers unit prices. In `cycle` it first asks inventory whether the product is available — but
// inventory is itself waiting on this answer while holding the product's lock: a distributed deadlock
// (inventory → pricing → inventory) that only pricing's call timeout breaks.
import { callService, CallTimeoutError } from '../http/call-service';
import { sleep } from '../http/serve-json';
import { activeScenario } from '../scenarios/scenario';
import { runService } from './run-service';

const AVAILABILITY_TIMEOUT_MS = Number(process.env.PRICING_TIMEOUT_MS ?? 400);

runService('pricing', ({ tracer, logger, env }) => {
  const inventoryUrl = env('INVENTORY_URL');
  return {
    '/api/price': async (body) => {
      const productId = String(body.product_id ?? '');
      if (activeScenario() === 'cycle') {
        try {
          await callService(tracer, 'inventory', `${inventoryUrl}/api/availability`, { product_id: productId }, AVAILABILITY_TIMEOUT_MS);
        } catch (error) {
          const timedOut = error instanceof CallTimeoutError;
          logger.error({ product_id: productId, err: (error as Error).message }, 'availability check failed');
          return { status: timedOut ? 504 : 502, body: { error: `inventory availability: ${(error as Error).message}` } };
        }
      }
      await sleep(3 + Math.random() * 5);
      const price = 10 + (hash(productId) % 90);
      logger.info({ product_id: productId, price }, 'price quoted');
      return { status: 200, body: { product_id: productId, price } };
    },
  };
});

function hash(text: string): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h;
}
