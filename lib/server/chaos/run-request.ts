import 'server-only';
// POST /api/chaos/runs body: an experiment as exported, plus `dryRun` and optionally the saved experiment it
// came from (`experimentId`), which are not part of the experiment itself.
import { AppError } from '../http/app-error';

export function splitRunRequest(body: unknown): { experiment: unknown; dryRun: boolean; experimentId: string | null } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AppError('bad_request', 'body: must be an experiment object');
  const { dryRun, experimentId, ...experiment } = body as Record<string, unknown>;
  if (dryRun !== undefined && typeof dryRun !== 'boolean') throw new AppError('bad_request', 'dryRun: must be true or false', { details: { field: 'dryRun' } });
  if (experimentId !== undefined && experimentId !== null && (typeof experimentId !== 'string' || !/^[0-9a-f-]{36}$/i.test(experimentId))) {
    throw new AppError('bad_request', 'experimentId: must be a UUID', { details: { field: 'experimentId' } });
  }
  return { experiment, dryRun: dryRun === true, experimentId: (experimentId as string | undefined) ?? null };
}
