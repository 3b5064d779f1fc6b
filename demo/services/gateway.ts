// gateway: POST /api/orders {product_id, amount, user}. Reserves stock at inventory, charges at payment
// (retrying 503s up to RETRY_ATTEMPTS times), and when payment fails compensates with inventory
// /api/release. Answers with the order id and the trace id. `skew` orders are charged by the second payment
// replica, whose host clock is (simulated) off.
import { trace } from '@opentelemetry/api';
import { randomUUID } from 'node:crypto';
import { callService, CallTimeoutError, type CallResult } from '../http/call-service';
import type { Reply } from '../http/serve-json';
import { activeScenario } from '../scenarios/scenario';
import { runService, type ServiceContext } from './run-service';

const INVENTORY_TIMEOUT_MS = 2_000;
const PAYMENT_TIMEOUT_MS = Number(process.env.GATEWAY_PAYMENT_TIMEOUT_MS ?? 400);
const RETRY_ATTEMPTS = Number(process.env.RETRY_ATTEMPTS ?? 5);

runService('gateway', (ctx) => {
  const inventoryUrl = ctx.env('INVENTORY_URL');
  const paymentUrl = ctx.env('PAYMENT_URL');
  const skewedPaymentUrl = process.env.PAYMENT_SKEWED_URL ?? paymentUrl;
  return {
    '/api/orders': async (body) => {
      const orderId = randomUUID().slice(0, 8);
      const traceId = trace.getActiveSpan()?.spanContext().traceId ?? '';
      const reply = (status: number, extra: Record<string, unknown>): Reply => ({
        status,
        body: { order_id: orderId, trace_id: traceId, ...extra },
      });
      const productId = String(body.product_id ?? '');
      const amount = Number(body.amount ?? 0);
      ctx.logger.info({ order_id: orderId, product_id: productId, amount, user: body.user }, 'order received');

      let reservation: CallResult;
      try {
        reservation = await callService(ctx.tracer, 'inventory', `${inventoryUrl}/api/reserve`, { order_id: orderId, product_id: productId }, INVENTORY_TIMEOUT_MS);
      } catch (error) {
        ctx.logger.error({ order_id: orderId, err: (error as Error).message }, 'inventory unreachable');
        return reply(503, { error: `inventory: ${(error as Error).message}` });
      }
      if (reservation.status !== 200) {
        ctx.logger.warn({ order_id: orderId, status: reservation.status }, 'reservation refused');
        return reply(reservation.status === 409 ? 409 : 503, { error: `inventory: ${String(reservation.body.error ?? reservation.status)}` });
      }

      const url = activeScenario() === 'skew' ? skewedPaymentUrl : paymentUrl;
      const charge = await chargeWithRetries(ctx, `${url}/api/charge`, { order_id: orderId, amount });
      if (charge.ok) {
        ctx.logger.info({ order_id: orderId }, 'order placed');
        return reply(200, { status: 'placed', charge_id: charge.result.body.charge_id });
      }
      // Saga compensation: give the reserved stock back before reporting the failure.
      ctx.logger.warn({ order_id: orderId, reason: charge.reason }, 'payment failed, releasing reservation');
      await callService(ctx.tracer, 'inventory', `${inventoryUrl}/api/release`, { order_id: orderId }, INVENTORY_TIMEOUT_MS).catch((error: Error) =>
        ctx.logger.error({ order_id: orderId, err: error.message }, 'compensation failed'),
      );
      return reply(charge.status, { error: `payment: ${charge.reason}` });
    },
  };
});

type ChargeOutcome = { ok: true; result: CallResult } | { ok: false; status: number; reason: string };

async function chargeWithRetries(ctx: ServiceContext, url: string, payload: Record<string, unknown>): Promise<ChargeOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await callService(ctx.tracer, 'payment', url, payload, PAYMENT_TIMEOUT_MS);
      if (result.status === 200) return { ok: true, result };
      const reason = String(result.body.error ?? `HTTP ${result.status}`);
      // Only "try again later" answers are retried; a decline is final.
      if (result.status !== 503 || attempt >= RETRY_ATTEMPTS) {
        return { ok: false, status: result.status === 402 ? 402 : 503, reason: attempt > 1 ? `${reason} (after ${attempt} attempts)` : reason };
      }
      ctx.logger.warn({ attempt, reason }, 'payment unavailable, retrying');
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt));
    } catch (error) {
      const reason = error instanceof CallTimeoutError ? `timed out after ${error.timeoutMs} ms` : (error as Error).message;
      return { ok: false, status: 503, reason };
    }
  }
}
