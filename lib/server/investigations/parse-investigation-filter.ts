import 'server-only';
// The list's query string (`status`, `severity`, `service`, `q`, `traceId`, `limit`), checked with the same
// vocabulary as the bodies; a bad value is a 400 naming the parameter.
import { z } from 'zod';
import { SEVERITIES, STATUSES } from '@/lib/domain/investigations/investigation';
import { AppError } from '../http/app-error';
import type { InvestigationFilter } from './list-investigations';

const FilterParams = z.object({
  status: z.enum(STATUSES).optional(),
  severity: z.enum(SEVERITIES).optional(),
  service: z.string().min(1).max(200).optional(),
  q: z.string().min(1).max(200).optional(),
  traceId: z
    .string()
    .toLowerCase()
    .regex(/^[0-9a-f]{32}$/, 'must be 32 hex characters')
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export function parseInvestigationFilter(params: URLSearchParams): InvestigationFilter {
  const raw = Object.fromEntries([...params.entries()].filter(([, v]) => v !== ''));
  const parsed = FilterParams.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || 'query';
    throw new AppError('bad_request', `${field}: ${issue.message}`, { details: { field } });
  }
  return parsed.data;
}
