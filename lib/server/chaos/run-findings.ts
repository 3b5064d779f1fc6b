import 'server-only';
// The analysis engine on a bounded sample of a run's traces (faulted and clean), compared per finding type.
import { compareFindings, type FindingComparison } from '@/lib/domain/chaos/findings-comparison';
import type { Queryable } from '../db/queryable';
import { findingsByTrace } from './trace-findings';

/** Traces analysed per side: enough to tell a pattern, bounded so a poll of the run page stays cheap. */
export const FINDINGS_SAMPLE = 20;

export async function runFindings(db: Queryable, tenant: string, faulted: readonly string[], clean: readonly string[], fromMs: number, toMs: number): Promise<FindingComparison[]> {
  const [fromNs, toNs] = [BigInt(Math.floor(fromMs)) * 1_000_000n, BigInt(Math.ceil(toMs)) * 1_000_000n];
  const [f, c] = await Promise.all([findingsByTrace(db, tenant, faulted.slice(0, FINDINGS_SAMPLE), fromNs, toNs), findingsByTrace(db, tenant, clean.slice(0, FINDINGS_SAMPLE), fromNs, toNs)]);
  return compareFindings(f, c);
}
