import 'server-only';
// Query parameters of GET /api/compare/sets → two set definitions. `selection` and `baseline` are TraceQL
// (baseline default `{ }`); from/to default to the last 15 minutes, baselineFrom/baselineTo to the hour
// before `from`. Errors name the parameter (a TraceQL error keeps its position).
import { AppError } from '../http/app-error';
import { instantParam } from '../search/search-params';
import { parseSearchQuery } from '../search/search-traces';
import type { SetDefinition } from './compare-sets';

const MINUTE_NS = 60_000_000_000n;

export function parseCompareSetsParams(params: URLSearchParams, nowNs: bigint = BigInt(Date.now()) * 1_000_000n): { selection: SetDefinition; baseline: SetDefinition } {
  const toNs = instantParam(params, 'to', nowNs);
  const fromNs = instantParam(params, 'from', toNs - 15n * MINUTE_NS);
  if (fromNs >= toNs) throw new AppError('bad_request', 'from must be before to', { details: { field: 'from' } });
  const baselineToNs = instantParam(params, 'baselineTo', fromNs);
  const baselineFromNs = instantParam(params, 'baselineFrom', baselineToNs - 60n * MINUTE_NS);
  if (baselineFromNs >= baselineToNs) throw new AppError('bad_request', 'baselineFrom must be before baselineTo', { details: { field: 'baselineFrom' } });
  const selectionQuery = params.get('selection');
  if (selectionQuery === null || selectionQuery.trim() === '')
    throw new AppError('bad_request', 'selection is required: a TraceQL query such as { status = error }', { details: { field: 'selection' } });
  const baselineQuery = params.get('baseline')?.trim() || '{ }';
  return {
    selection: { query: selectionQuery, expr: parseNamed('selection', selectionQuery), fromNs, toNs },
    baseline: { query: baselineQuery, expr: parseNamed('baseline', baselineQuery), fromNs: baselineFromNs, toNs: baselineToNs },
  };
}

function parseNamed(field: string, query: string) {
  try {
    return parseSearchQuery(query);
  } catch (error) {
    if (error instanceof AppError) throw new AppError('bad_request', `${field}: ${error.message}`, { details: { ...error.details, field } });
    throw error;
  }
}
