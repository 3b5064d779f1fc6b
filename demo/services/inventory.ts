// inventory: reserves stock in memory. A reservation holds the product's lock while it asks pricing for the
// price (like a row lock held across a remote call); `/api/availability` waits for that lock. Products named
// in OUT_OF_STOCK have no stock and answer 409. `/api/release` is gateway's compensation for a failed payment.
import { callService } from '../http/call-service';
import { runService } from './run-service';
import { KeyedLock } from './keyed-lock';

const PRICING_TIMEOUT_MS = Number(process.env.INVENTORY_TIMEOUT_MS ?? 1_000);
const OUT_OF_STOCK = new Set(['sku-sold-out']);

runService('inventory', ({ tracer, logger, env }) => {
  const pricingUrl = env('PRICING_URL');
  const locks = new KeyedLock();
  const reservations = new Map<string, string>();
  const reserved = new Map<string, number>();
  return {
    '/api/reserve': async (body) => {
      const orderId = String(body.order_id ?? '');
      const productId = String(body.product_id ?? '');
      if (OUT_OF_STOCK.has(productId)) {
        logger.warn({ order_id: orderId, product_id: productId }, 'out of stock');
        return { status: 409, body: { error: `product ${productId} is out of stock` } };
      }
      return locks.withLock(productId, async () => {
        const quote = await callService(tracer, 'pricing', `${pricingUrl}/api/price`, { product_id: productId }, PRICING_TIMEOUT_MS).catch((error: Error) => ({
          status: 504,
          body: { error: error.message } as Record<string, unknown>,
        }));
        if (quote.status !== 200) {
          logger.error({ order_id: orderId, product_id: productId, status: quote.status }, 'could not price the reservation');
          return { status: 503, body: { error: `pricing failed: ${String(quote.body.error ?? quote.status)}` } };
        }
        reservations.set(orderId, productId);
        reserved.set(productId, (reserved.get(productId) ?? 0) + 1);
        logger.info({ order_id: orderId, product_id: productId, price: quote.body.price }, 'stock reserved');
        return { status: 200, body: { reservation_id: `rs_${orderId}`, price: quote.body.price } };
      });
    },
    '/api/release': async (body) => {
      const orderId = String(body.order_id ?? '');
      const productId = reservations.get(orderId);
      if (!productId) return { status: 404, body: { error: `no reservation for order ${orderId}` } };
      reservations.delete(orderId);
      reserved.set(productId, Math.max(0, (reserved.get(productId) ?? 1) - 1));
      logger.info({ order_id: orderId, product_id: productId }, 'reservation released (compensation)');
      return { status: 200, body: { released: orderId } };
    },
    '/api/availability': async (body) => {
      const productId = String(body.product_id ?? '');
      // Waits behind any reservation of this product that is in flight — the other half of the deadlock.
      return locks.withLock(productId, async () => ({
        status: 200,
        body: { product_id: productId, reserved: reserved.get(productId) ?? 0 },
      }));
    },
  };
});
