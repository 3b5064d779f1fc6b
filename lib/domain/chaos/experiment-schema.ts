// A chaos experiment as JSON (what the /chaos form edits, what import/export and POST /api/chaos/runs carry).
// Pure zod, shared by the browser's JSON editor and the server. Units: seconds for the run's clock (offsets,
// durations, windows); ratios in [0, 1]; latency thresholds in milliseconds.
import { z } from 'zod';
import { FINDING_TYPES } from '../analysis/finding';

/** `finding_count`: traces of the selection in which the analysis engine reports `finding` (`max: 0` = "no new finding of type X"). */
export const INDICATOR_METRICS = ['error_ratio', 'p50', 'p95', 'p99', 'rate', 'finding_count'] as const;
export type IndicatorMetric = (typeof INDICATOR_METRICS)[number];

export const HTTP_FAULT_TYPES = ['latency', 'error', 'abort', 'hang', 'bandwidth', 'slow_body'] as const;

const name = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');
/** A TraceQL spanset filter; parsed by the server (the search parser), which names the position of an error. */
const selection = z.string().trim().min(2, 'must be a TraceQL filter, e.g. { resource.service.name = "gateway" }').max(4000);
const finding = z.enum(FINDING_TYPES, { error: `must be one of ${FINDING_TYPES.join(', ')}` }).optional();
const needsFinding = (x: { metric: string; finding?: string }) => x.metric !== 'finding_count' || x.finding !== undefined;
const needsFindingIssue = { message: 'finding is required with metric finding_count', path: ['finding'] };

export const indicatorSchema = z
  .strictObject({
    name,
    selection,
    metric: z.enum(INDICATOR_METRICS, { error: `must be one of ${INDICATOR_METRICS.join(', ')}` }),
    finding,
    /** The hypothesis holds while the value stays within these bounds (ms for percentiles, spans/s for rate). */
    max: z.number().nonnegative().optional(),
    min: z.number().nonnegative().optional(),
  })
  .refine(needsFinding, needsFindingIssue);

export const stopConditionSchema = z
  .strictObject({
    name,
    selection,
    metric: z.enum(INDICATOR_METRICS, { error: `must be one of ${INDICATOR_METRICS.join(', ')}` }),
    finding,
    operator: z.enum(['>', '<'], { error: 'must be > or <' }),
    threshold: z.number({ error: 'must be a number' }).nonnegative('must be zero or more'),
    /** Spans of the last this many seconds are judged (never before injection began). */
    windowSeconds: z.number().int().min(1).max(600).default(10),
    /** Fewer matching spans than this in the window judge nothing (one failed request is not 100% errors). */
    minSpans: z.number().int().min(1).max(100_000).default(5),
  })
  .refine(needsFinding, needsFindingIssue);

export const faultStepSchema = z.strictObject({
  agent: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must name a registered agent'),
  route: z.string().min(1, 'must name a route of the agent').max(64),
  /** The agent's HTTP fault body without durationMs/runId (the run sets them): type, its parameters, match, probability. */
  fault: z.looseObject({ type: z.enum(HTTP_FAULT_TYPES, { error: `must be one of ${HTTP_FAULT_TYPES.join(', ')}` }) }),
  startOffsetSeconds: z.number().int().min(0, 'must be zero or more').default(0),
  /** Defaults to the rest of the run. */
  durationSeconds: z.number().int().positive('must be a positive number of seconds').optional(),
});

export const experimentSchema = z.strictObject({
  name,
  description: z.string().max(4000).default(''),
  hypothesis: z.strictObject({ indicators: z.array(indicatorSchema).max(20).default([]) }).default({ indicators: [] }),
  method: z.array(faultStepSchema).min(1, 'needs at least one fault').max(20),
  durationSeconds: z.number({ error: 'durationSeconds is required (the run length in seconds)' }).int().positive('must be a positive number of seconds'),
  stopConditions: z.array(stopConditionSchema).max(20).default([]),
  /** Seconds of spans before the run that form the baseline. */
  baselineSeconds: z.number().int().min(1).max(86_400).default(300),
  /** Seconds after the faults end before the "after" indicators are read. */
  recoverySeconds: z.number().int().min(0).max(3_600).default(10),
  /** Required for a production target: the experiment's name typed again. */
  productionConfirmation: z.string().optional(),
});

export type Experiment = z.infer<typeof experimentSchema>;
export type ExperimentInput = z.input<typeof experimentSchema>;
export type Indicator = z.infer<typeof indicatorSchema>;
export type StopCondition = z.infer<typeof stopConditionSchema>;
export type FaultStep = z.infer<typeof faultStepSchema>;
