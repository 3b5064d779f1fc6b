import 'server-only';
// One replay run, start to end: check the caller may replay to this target, plan the requests, send them one
// at a time at the run's pace (concurrency 1, bounded count) through the SSRF-safe sender, diff each answer
// against the recorded one, store the run and audit it. A safety refusal (disallowed address, redirect to
// another host) stops the run: the rest is not sent, the run is stored as refused and the caller gets 403.
import { randomUUID } from 'node:crypto';
import { ALWAYS_SCRUBBED_HEADERS } from '@/lib/agent/capture/scrub';
import { paceDelays } from '@/lib/domain/replay/pace';
import { diffResponses, learnNoise, type LearnedNoise } from '@/lib/domain/replay/response-diff';
import type { RunRequestResult, RunTotals, ReplayRunSummary } from '@/lib/domain/replay/replay-run';
import type { RecordedResponse } from '@/lib/domain/replay/replay-request';
import { recordAudit } from '../audit/record-audit';
import type { Principal } from '../auth/principal';
import type { Queryable } from '../db/queryable';
import { AppError } from '../http/app-error';
import { awaitTraces } from './await-traces';
import { planRequests, type PlannedRequest } from './plan-requests';
import { editHeaders, newTraceContext, outgoing } from './prepare-request';
import type { RunInput } from './replay-run-input';
import { insertRun } from './replay-runs';
import { getTarget, targetSecrets } from './replay-targets';
import { assertRunAllowed, skipReason, type PolicyContext } from './run-policy';
import { ReplayRefusedError, safeSend, type SendLimits, type SentResponse } from './safe-send';
import { redactValues, replayScrubRules, scrubRequestHeaders } from './scrub-request';

export interface StartRun {
  principal: Principal;
  tenant: string;
  input: RunInput;
  unsafeEnabled: boolean;
  limits: SendLimits;
}

export interface StartedRun {
  id: string;
  status: ReplayRunSummary['status'];
  totals: RunTotals;
}

function storedResponse(sent: SentResponse, secretValues: string[]): RunRequestResult['response'] {
  const headers = scrubRequestHeaders(sent.headers, replayScrubRules());
  for (const name of Object.keys(headers)) if (!(ALWAYS_SCRUBBED_HEADERS as readonly string[]).includes(name)) headers[name] = redactValues(headers[name]!, secretValues);
  // An upstream that echoes a secret back must not carry it into the database.
  const leaks = secretValues.some((v) => sent.body.includes(v));
  const body = leaks ? Buffer.from(redactValues(sent.body.toString('utf8'), secretValues), 'utf8') : sent.body;
  return { status: sent.status, headers, body: body.toString('base64'), bodyTruncated: sent.bodyTruncated, bodySize: sent.bodySize };
}

function totalsOf(results: RunRequestResult[]): RunTotals {
  const count = (f: (r: RunRequestResult) => boolean) => results.filter(f).length;
  const failed = (status: number | null | undefined) => status === null || status === undefined || status >= 500;
  return {
    requests: results.length,
    sent: count((r) => r.response !== null),
    identical: count((r) => r.outcome === 'identical'),
    responseDiffers: count((r) => r.outcome === 'differs'),
    newErrors: count((r) => (r.outcome === 'error' || failed(r.response?.status)) && r.outcome !== 'skipped' && r.outcome !== 'refused' && !failed(r.originalResponse?.status ?? 200)),
    errors: count((r) => r.outcome === 'error'),
    skippedUnsafe: count((r) => r.outcome === 'skipped' && /unsafe method/.test(r.error ?? '')),
    skippedMethod: count((r) => r.outcome === 'skipped' && /not allowed by target/.test(r.error ?? '')),
    refused: count((r) => r.outcome === 'refused'),
  };
}

export async function startReplayRun(db: Queryable, run: StartRun): Promise<StartedRun> {
  const { input, principal } = run;
  const target = await getTarget(db, input.target);
  const baselineTarget = input.options.baseline ? await getTarget(db, input.options.baseline) : null;
  const ctx: PolicyContext = { role: principal.role, target, allowUnsafe: input.options.allowUnsafe, unsafeEnabled: run.unsafeEnabled };
  const baselineCtx: PolicyContext | null = baselineTarget ? { ...ctx, target: baselineTarget } : null;
  try {
    assertRunAllowed(ctx);
    if (baselineCtx) assertRunAllowed(baselineCtx);
  } catch (error) {
    await recordAudit(db, {
      actor: principal,
      action: 'replay.run.start',
      target: target.name,
      outcome: 'denied',
      tenant: run.tenant,
      details: { reason: (error as Error).message, environment: target.environment },
    });
    throw error;
  }
  const planned = await planRequests(db, run.tenant, input.source, input.options.maxRequests + 1);
  if (planned.length > input.options.maxRequests) {
    throw new AppError(
      'bad_request',
      `the source holds more than ${input.options.maxRequests} requests; a run sends at most options.maxRequests = ${input.options.maxRequests} (up to 200): narrow the source or raise it`,
    );
  }
  const secrets = target.secretNames.length > 0 ? await targetSecrets(db, target.id) : {};
  const baseline = baselineTarget ? { target: baselineTarget, secrets: baselineTarget.secretNames.length > 0 ? await targetSecrets(db, baselineTarget.id) : {} } : null;
  const secretValues = [...Object.values(secrets), ...Object.values(baseline?.secrets ?? {})];
  const id = randomUUID();
  const results: RunRequestResult[] = [];
  let refusal: string | null = null;
  const delays = paceDelays(
    planned.map((p) => p.recordedAt),
    input.options,
  );
  // Sends start one after another at the run's pace (a chain of start slots); up to `concurrency` are in
  // flight at once. After a safety refusal, requests not yet started are skipped.
  let lastSentAt: number | null = null;
  let startSlot = Promise.resolve();
  const paced = (seq: number) => {
    const slot = startSlot.then(async () => {
      const wait = lastSentAt === null ? 0 : lastSentAt + delays[seq]! - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      lastSentAt = Date.now();
    });
    startSlot = slot;
    return slot;
  };
  const slots: (RunRequestResult | undefined)[] = new Array(planned.length);
  let next = 0;
  const worker = async () => {
    for (let seq = next++; seq < planned.length; seq = next++) {
      const plan = planned[seq]!;
      const request = editHeaders(plan.request, input.options);
      const base = { seq, originalTraceId: plan.originalTraceId, originalSpanId: plan.originalSpanId, request, originalResponse: plan.original, durationMs: null };
      const reason = skipReason(request.method, ctx) ?? (baselineCtx ? skipReason(request.method, baselineCtx) : null);
      if (!reason && !refusal) await paced(seq);
      const skip = refusal ? { message: 'not sent: the run was stopped by a safety refusal' } : reason;
      slots[seq] = skip
        ? { ...base, newTraceId: null, response: null, diff: null, outcome: 'skipped', error: skip.message }
        : await replayOne(plan, base, { id, secrets, secretValues, targetName: target.name, run, baseline }, (message) => (refusal ??= message), target);
    }
  };
  await Promise.all(Array.from({ length: Math.min(input.options.concurrency, planned.length) }, worker));
  results.push(...slots.map((r) => r!));
  const totals = totalsOf(results);
  const newTraceIds = results.flatMap((r) => (r.newTraceId && r.response ? [r.newTraceId] : []));
  if (input.options.settleMs > 0 && newTraceIds.length > 0) {
    totals.traces = await awaitTraces(db, run.tenant, newTraceIds, { settleMs: input.options.settleMs, deadlineMs: input.options.settleDeadlineMs });
  }
  const status = refusal ? 'refused' : 'completed';
  await insertRun(db, {
    id,
    tenant: run.tenant,
    targetId: target.id,
    targetName: target.name,
    environment: target.environment,
    source: input.source,
    options: input.options,
    status,
    totals,
    createdBy: principal.name,
    requests: results,
  });
  await recordAudit(db, {
    actor: principal,
    action: 'replay.run',
    target: id,
    outcome: refusal ? 'denied' : 'success',
    tenant: run.tenant,
    details: { target: target.name, environment: target.environment, requests: totals.requests, sent: totals.sent, skippedUnsafe: totals.skippedUnsafe, ...(refusal ? { refusal } : {}) },
  });
  if (refusal) throw new AppError('forbidden', `Replay refused: ${refusal}`, { details: { runId: id } });
  return { id, status, totals };
}

type Base = Pick<RunRequestResult, 'seq' | 'originalTraceId' | 'originalSpanId' | 'request' | 'originalResponse' | 'durationMs'>;

interface Baseline {
  target: { name: string; baseUrl: string; allowedAddresses: string[] };
  secrets: Record<string, string>;
}

interface ReplayEnv {
  id: string;
  secrets: Record<string, string>;
  secretValues: string[];
  targetName: string;
  run: StartRun;
  baseline: Baseline | null;
}

function sendWithFreshTrace(
  request: RunRequestResult['request'],
  plan: PlannedRequest,
  env: ReplayEnv,
  to: { name: string; baseUrl: string; allowedAddresses: string[] },
  secrets: Record<string, string>,
  extraBaggage: string[] = [],
) {
  const trace = newTraceContext();
  const baggage = [`tracehound.replay.run=${env.id}`, ...(plan.originalTraceId ? [`tracehound.replay.of=${plan.originalTraceId}`] : []), ...extraBaggage].join(',');
  return { trace, sending: safeSend(to, outgoing(request, secrets, to.name, { traceparent: trace.traceparent, baggage }), env.run.limits) };
}

/** Two answers of the baseline: the first stands in for a missing recorded response; their differences are noise. */
async function askBaseline(base: Base, plan: PlannedRequest, env: ReplayEnv): Promise<{ first: RecordedResponse; noise: LearnedNoise }> {
  const b = env.baseline!;
  const answers: RecordedResponse[] = [];
  for (let i = 0; i < 2; i++)
    answers.push(storedResponse(await sendWithFreshTrace(base.request, plan, env, b.target, b.secrets, ['tracehound.replay.baseline=true']).sending, env.secretValues) as RecordedResponse);
  return { first: answers[0]!, noise: learnNoise(answers[0]!, answers[1]!) };
}

async function replayOne(plan: PlannedRequest, base: Base, env: ReplayEnv, refuse: (message: string) => void, target: { baseUrl: string; allowedAddresses: string[] }): Promise<RunRequestResult> {
  let traceId: string | null = null;
  try {
    const { trace, sending } = sendWithFreshTrace(base.request, plan, env, { ...target, name: env.targetName }, env.secrets);
    traceId = trace.traceId;
    const sent = await sending;
    const response = storedResponse(sent, env.secretValues);
    const baseline = env.baseline ? await askBaseline(base, plan, env) : null;
    const original = plan.original ?? baseline?.first ?? null;
    const options = env.run.input.options;
    const diff = original
      ? {
          ...diffResponses(original, response as RecordedResponse, {
            ignorePaths: [...options.ignorePaths, ...(baseline?.noise.paths ?? [])],
            ignoreHeaders: [...options.ignoreHeaders, ...(baseline?.noise.headers ?? [])],
          }),
          ...(baseline ? { noise: baseline.noise, againstBaseline: plan.original === null } : {}),
        }
      : null;
    return { ...base, newTraceId: traceId, response, diff, outcome: diff ? (diff.identical ? 'identical' : 'differs') : 'sent', error: null, durationMs: sent.durationMs };
  } catch (error) {
    if (error instanceof ReplayRefusedError) {
      refuse(error.message);
      return { ...base, newTraceId: null, response: null, diff: null, outcome: 'refused', error: error.message };
    }
    const message = redactValues(error instanceof Error ? error.message : String(error), env.secretValues);
    return { ...base, newTraceId: error instanceof AppError ? null : traceId, response: null, diff: null, outcome: 'error', error: message };
  }
}
