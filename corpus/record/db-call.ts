// A database query as database instrumentations record it: a CLIENT span named by the operation only
// (`SELECT`), the statement in db.statement and the server in server.address. The database itself is
// simulated (a timer plus a little CPU), so only the caller's side exists, as with any real database.
import { context, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';

export async function queryDb(tracer: Tracer, statement: string, latencyMs: number, fail = false): Promise<void> {
  const span = tracer.startSpan(statement.split(' ')[0]!.toUpperCase(), {
    kind: SpanKind.CLIENT,
    attributes: { 'db.system': 'postgresql', 'db.statement': statement, 'server.address': 'db.internal', 'server.port': 5432 },
  });
  await context.with(trace.setSpan(context.active(), span), async () => {
    await sleep(latencyMs);
    if (fail) {
      span.recordException(new Error('canceling statement due to lock timeout'));
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'canceling statement due to lock timeout' });
    }
    span.end();
  });
  if (fail) throw new Error('canceling statement due to lock timeout');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Busy CPU for about `ms` milliseconds: work a span really does, as opposed to waiting. */
export function burnCpu(ms: number): void {
  const until = performance.now() + ms;
  let x = 0;
  while (performance.now() < until) x += Math.sqrt(x + 1);
  if (x < 0) throw new Error('unreachable');
}
