import 'server-only';
// An experiment from the outside (form, imported JSON, API) → a checked Experiment. Errors are 400s naming the
// field: the zod schema, each fault's parameters against the agent's own fault schema (so a run never
// discovers a bad parameter mid-injection), each TraceQL selection against the search parser, timing.
import { experimentSchema, type Experiment } from '@/lib/domain/chaos/experiment-schema';
import { httpFaultSchema } from '@/lib/agent/faults/http-fault';
import { parseInput } from '../agents/agent-input';
import { AppError } from '../http/app-error';
import { parseSearchQuery } from '../search/search-traces';

export function validateExperiment(body: unknown, maxDurationSeconds: number): Experiment {
  const experiment = parseInput(experimentSchema, body);
  if (experiment.durationSeconds > maxDurationSeconds) {
    throw fieldError('durationSeconds', `must be at most ${maxDurationSeconds} s (CHAOS_MAX_DURATION_SECONDS)`);
  }
  experiment.method.forEach((step, i) => {
    const parsed = httpFaultSchema.safeParse({ ...step.fault, durationMs: 1_000 });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw fieldError(['method', i, 'fault', ...issue.path].join('.'), issue.message);
    }
    if ('runId' in step.fault || 'durationMs' in step.fault) throw fieldError(`method.${i}.fault`, 'durationMs and runId are set by the run; use durationSeconds');
    if (step.startOffsetSeconds >= experiment.durationSeconds) throw fieldError(`method.${i}.startOffsetSeconds`, `must be below the run's durationSeconds (${experiment.durationSeconds})`);
  });
  const selections = [
    ...experiment.hypothesis.indicators.map((x, i) => [`hypothesis.indicators.${i}.selection`, x.selection] as const),
    ...experiment.stopConditions.map((x, i) => [`stopConditions.${i}.selection`, x.selection] as const),
  ];
  for (const [field, text] of selections) {
    try {
      parseSearchQuery(text);
    } catch (error) {
      if (error instanceof AppError) throw fieldError(field, error.message);
      throw error;
    }
  }
  return experiment;
}

function fieldError(field: string, message: string): AppError {
  return new AppError('bad_request', `${field}: ${message}`, { details: { field } });
}
