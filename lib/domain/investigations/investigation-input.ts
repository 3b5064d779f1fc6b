// The request bodies of the investigations API, shared by the server (validation) and the browser (forms).
// Every string is bounded: titles, notes and pinned values are untrusted text rendered in browsers and exports.
import { z } from 'zod';
import { ITEM_KINDS, SEVERITIES, STATUSES } from './investigation';

const HEX32 = /^[0-9a-f]{32}$/;
const HEX16 = /^[0-9a-f]{16}$/;
const UNIX_NANO = /^\d{1,20}$/;

const traceId = z.string().toLowerCase().regex(HEX32, 'must be 32 lowercase hex characters');
const spanId = z.string().toLowerCase().regex(HEX16, 'must be 16 lowercase hex characters');
const unixNano = z.string().regex(UNIX_NANO, 'must be unix nanoseconds as a decimal string');
const text = (max: number) => z.string().trim().min(1).max(max);

/** The trace page's permalink state (`span`, `from`, `to`, `mode`, `cp`, `find`, `only`, `details`). */
export const TraceViewState = z.record(z.string().max(32), z.string().max(500)).refine((v) => Object.keys(v).length <= 16, 'at most 16 view parameters');

const InvestigationFields = z.object({
  title: text(200),
  severity: z.enum(SEVERITIES),
  status: z.enum(STATUSES),
  owner: z.string().trim().max(200).nullable(),
  windowStartUnixNano: unixNano.nullable(),
  windowEndUnixNano: unixNano.nullable(),
  services: z.array(text(200)).max(50),
});

export const NewInvestigation = InvestigationFields.partial()
  .required({ title: true })
  .extend({
    severity: z.enum(SEVERITIES).default('sev3'),
    status: z.enum(STATUSES).default('investigating'),
  });
export type NewInvestigation = z.infer<typeof NewInvestigation>;

// No defaults here: a field left out keeps its value.
export const InvestigationPatch = InvestigationFields.partial().refine((p) => Object.keys(p).length > 0, 'name at least one field to change');
export type InvestigationPatch = z.infer<typeof InvestigationPatch>;

export const FindingInput = z.object({
  type: text(64),
  title: text(500),
  spanIds: z.array(spanId).max(200).default([]),
  details: z.record(z.string().max(64), z.unknown()).optional(),
});
export type FindingInput = z.infer<typeof FindingInput>;

const runKinds = z.enum(['replay-run', 'chaos-run']);

export const NewItem = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('trace'), traceId, view: TraceViewState.optional() }),
  z.object({ kind: z.literal('span'), traceId, spanId, view: TraceViewState.optional() }),
  z.object({ kind: z.literal('finding'), traceId, finding: FindingInput, view: TraceViewState.optional() }),
  z.object({ kind: z.literal('log-query'), query: text(4000), from: unixNano, to: unixNano }),
  z.object({ kind: z.literal('search-query'), query: text(4000), from: unixNano.optional(), to: unixNano.optional() }),
  z.object({ kind: z.literal('service'), service: text(200), from: unixNano.optional(), to: unixNano.optional() }),
  z.object({ kind: z.literal('comparison'), traceIds: z.array(traceId).min(2).max(8), note: z.string().max(2000).optional() }),
  // Replay and chaos runs are built elsewhere: they arrive as a reference plus the facts worth keeping.
  z.object({ kind: runKinds, ref: text(200), summary: z.record(z.string().max(64), z.unknown()).optional() }),
  z.object({ kind: z.literal('note'), body: text(20_000) }),
]);
export type NewItem = z.infer<typeof NewItem>;

export const NotePatch = z.object({ body: text(20_000) });

export const PostmortemSave = z.object({ markdown: text(200_000) });

// Keep ITEM_KINDS and the union in step: a kind added to one and not the other fails typechecking here.
type UnionKinds = NewItem['kind'];
const everyKindCovered: Record<(typeof ITEM_KINDS)[number], UnionKinds> = {
  trace: 'trace',
  span: 'span',
  finding: 'finding',
  'log-query': 'log-query',
  'search-query': 'search-query',
  service: 'service',
  comparison: 'comparison',
  'replay-run': 'replay-run',
  'chaos-run': 'chaos-run',
  note: 'note',
};
void everyKindCovered;
