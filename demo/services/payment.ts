// payment: charges a card. Amounts over 10,000 are declined (402). In `slow-payment` the processor hangs far
// longer than gateway's timeout; in `retry-storm` it answers 503 (overloaded) so gateway keeps retrying.
import { sleep } from '../http/serve-json';
import { activeScenario } from '../scenarios/scenario';
import { runService } from './run-service';

const DECLINE_ABOVE = 10_000;
const SLOW_MS = Number(process.env.SLOW_PAYMENT_MS ?? 1_500);

runService('payment', ({ tracer, logger }) => ({
  '/api/charge': async (body) => {
    const amount = Number(body.amount ?? 0);
    const orderId = String(body.order_id ?? '');
    const scenario = activeScenario();
    if (scenario === 'retry-storm') {
      await sleep(5);
      logger.warn({ order_id: orderId }, 'card processor overloaded, rejecting charge');
      return { status: 503, body: { error: 'card processor overloaded' } };
    }
    return tracer.startActiveSpan('authorize card', async (span) => {
      try {
        await sleep(scenario === 'slow-payment' ? SLOW_MS : 10 + Math.random() * 20);
        if (amount > DECLINE_ABOVE) {
          logger.warn({ order_id: orderId, amount }, 'card declined: amount over limit');
          return { status: 402, body: { error: `card declined: amount ${amount} over limit ${DECLINE_ABOVE}` } };
        }
        logger.info({ order_id: orderId, amount }, 'charge accepted');
        return { status: 200, body: { charge_id: `ch_${orderId}`, amount } };
      } finally {
        span.end();
      }
    });
  },
}));
