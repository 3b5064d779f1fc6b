import 'server-only';
// Pins one piece of evidence (or a note) to an investigation's timeline. Trace evidence is checked against the
// caller's tenant and snapshotted in the same transaction as the item, so an item never points at a trace the
// investigation cannot show. `occurred` is when the evidence happened (the postmortem timeline orders by it).
import type pg from 'pg';
import type { InvestigationItem } from '@/lib/domain/investigations/investigation';
import type { NewItem } from '@/lib/domain/investigations/investigation-input';
import type { TracePayload } from '@/lib/domain/model/trace-payload';
import type { Principal } from '../auth/principal';
import { AppError } from '../http/app-error';
import { withTransaction } from '../db/with-transaction';
import { getInvestigation } from './get-investigation';
import { ITEM_COLUMNS, itemOf, type ItemRow } from './investigation-row';
import { logExcerpt, type ExcerptLine } from './log-excerpt';
import { pinTraceSnapshot } from './pin-trace-snapshot';

interface ItemFields {
  ref: string | null;
  traceId: string | null;
  payload: Record<string, unknown>;
  occurred: string | null;
}

export async function addItem(pool: pg.Pool, tenant: string, investigationId: string, author: Principal, input: NewItem, maxSpans: number): Promise<InvestigationItem> {
  // The log excerpt runs with the log query's own statement timeout, outside the transaction.
  let excerpt: ExcerptLine[] | null = null;
  if (input.kind === 'log-query') {
    if (BigInt(input.from) > BigInt(input.to)) throw new AppError('bad_request', 'from: must not be after to', { details: { field: 'from' } });
    await getInvestigation(pool, tenant, investigationId);
    excerpt = await logExcerpt(pool, tenant, input.query, input.from, input.to);
  }
  return withTransaction(pool, 'BEGIN', async (db) => {
    await getInvestigation(db, tenant, investigationId);
    const pin = (traceId: string, spanIds: string[]) => pinTraceSnapshot(db, tenant, investigationId, traceId, spanIds, maxSpans);
    const fields = await itemFields(input, pin);
    if (excerpt) fields.payload.excerpt = excerpt;
    const { rows } = await db.query<ItemRow>(
      `INSERT INTO investigation_items (investigation_id, kind, ref, trace_id, payload, occurred_unix_nano, author_id, author_name)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::int8, $7, $8) RETURNING ${ITEM_COLUMNS}`,
      [investigationId, input.kind, fields.ref, fields.traceId, JSON.stringify(fields.payload), fields.occurred, author.id, author.name],
    );
    await db.query(`UPDATE investigations SET updated_at = now() WHERE id = $1`, [investigationId]);
    return itemOf(rows[0]!);
  });
}

async function itemFields(input: NewItem, pin: (traceId: string, spanIds: string[]) => Promise<TracePayload>): Promise<ItemFields> {
  switch (input.kind) {
    case 'trace': {
      const trace = await pin(input.traceId, []);
      return { ref: input.traceId, traceId: input.traceId, payload: { view: input.view ?? {}, summary: trace.summary }, occurred: trace.summary.startUnixNano };
    }
    case 'span': {
      const trace = await pin(input.traceId, [input.spanId]);
      const span = trace.spans.find((s) => s.spanId === input.spanId);
      if (!span) throw new AppError('not_found', `Span ${input.spanId} is not in trace ${input.traceId}.`);
      const service = trace.resources[span.resourceIndex]?.serviceName ?? null;
      const view = { ...(input.view ?? {}), span: input.spanId };
      return {
        ref: `${input.traceId}/${input.spanId}`,
        traceId: input.traceId,
        payload: {
          spanId: input.spanId,
          view,
          summary: trace.summary,
          span: {
            name: span.name,
            service,
            statusCode: span.statusCode,
            statusMessage: span.statusMessage,
            startUnixNano: span.startTimeUnixNano,
            durationNs: (BigInt(span.endTimeUnixNano) - BigInt(span.startTimeUnixNano)).toString(),
          },
        },
        occurred: span.startTimeUnixNano,
      };
    }
    case 'finding': {
      const trace = await pin(input.traceId, input.finding.spanIds);
      const present = new Set(trace.spans.map((s) => s.spanId));
      const missing = input.finding.spanIds.find((id) => !present.has(id));
      if (missing) throw new AppError('bad_request', `finding.spanIds: span ${missing} is not in trace ${input.traceId}`, { details: { field: 'finding.spanIds' } });
      const first = trace.spans.find((s) => s.spanId === input.finding.spanIds[0]);
      return {
        ref: input.traceId,
        traceId: input.traceId,
        payload: { finding: input.finding, view: input.view ?? {}, summary: trace.summary },
        occurred: first?.startTimeUnixNano ?? trace.summary.startUnixNano,
      };
    }
    case 'log-query':
      return { ref: null, traceId: null, payload: { query: input.query, from: input.from, to: input.to }, occurred: input.from };
    case 'search-query':
      return { ref: null, traceId: null, payload: { query: input.query, from: input.from ?? null, to: input.to ?? null }, occurred: input.from ?? null };
    case 'service':
      return { ref: input.service, traceId: null, payload: { service: input.service, from: input.from ?? null, to: input.to ?? null }, occurred: input.from ?? null };
    case 'comparison': {
      const traces = await Promise.all(input.traceIds.map((id) => pin(id, [])));
      return {
        ref: input.traceIds.join(','),
        traceId: null,
        payload: { traceIds: input.traceIds, note: input.note ?? null, summaries: traces.map((t) => t.summary) },
        occurred: traces[0]!.summary.startUnixNano,
      };
    }
    case 'replay-run':
    case 'chaos-run':
      return { ref: input.ref, traceId: null, payload: { summary: input.summary ?? {} }, occurred: null };
    case 'note':
      return { ref: null, traceId: null, payload: { body: input.body }, occurred: null };
  }
}
