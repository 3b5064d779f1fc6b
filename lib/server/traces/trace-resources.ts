import 'server-only';
// The distinct resources of one trace as the span streams meet them. Rows carry a 64-bit hash of
// (service name, resource attributes) (spans.resource_key, stored by the writer) instead of the resource itself
// (printing every span's resource jsonb was a third of the query time at 500k spans); each new hash gets the next index and remembers one span that has
// it, and resolve() fetches every resource at the end in one primary-key lookup of those spans.
import type { HostIdentity } from '@/lib/domain/model/span';
import type { Queryable } from '../db/queryable';
import { hostFromColumns, type HostColumns } from '../spans/host-columns';
import { RESOURCE_KEY_SQL } from '../spans/resource-key-sql';

const RESOLVE_SQL = `
SELECT DISTINCT ON (key) ${RESOURCE_KEY_SQL}::text AS key, service_name, resource_attributes::text AS resource,
  host_id, host_name, host_ip, service_instance_id
FROM spans WHERE tenant = $1 AND trace_id = $2 AND span_id = ANY($3::bytea[]) AND start_time_unix_nano >= $4::int8`;

interface ResolveRow extends HostColumns {
  key: string;
  service_name: string;
  resource: string;
}

export class TraceResources {
  // Keyed by the hash's two 32-bit halves: no string or BigInt per row on the hot path.
  private readonly byWords = new Map<number, Map<number, number>>();
  private readonly keys: string[] = [];
  private readonly spanIds: Buffer[] = [];

  /** Index of the resource with hash (hi, lo), registering `spanId` as its example when it is new. */
  indexOfWords(hi: number, lo: number, spanId: () => Buffer): number {
    let inner = this.byWords.get(hi);
    if (!inner) {
      inner = new Map();
      this.byWords.set(hi, inner);
    }
    let index = inner.get(lo);
    if (index === undefined) {
      index = this.keys.length;
      inner.set(lo, index);
      this.keys.push(BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo >>> 0)).toString());
      this.spanIds.push(spanId());
    }
    return index;
  }

  indexOfKey(key: bigint, spanId: () => Buffer): number {
    return this.indexOfWords(Number(BigInt.asIntN(32, key >> 32n)), Number(BigInt.asUintN(32, key)), spanId);
  }

  get size(): number {
    return this.keys.length;
  }

  /** Each resource as WireResource JSON text, in index order. */
  async resolve(db: Queryable, tenant: string, traceId: Buffer, base: bigint): Promise<string[]> {
    if (this.keys.length === 0) return [];
    const { rows } = await db.query<ResolveRow>(RESOLVE_SQL, [tenant, traceId, this.spanIds, base.toString()]);
    const byKey = new Map(rows.map((r) => [r.key, r]));
    return this.keys.map((key) => {
      const row = byKey.get(key);
      // Only a retention sweep between the span rows and this lookup can remove the example span.
      const host: HostIdentity = hostFromColumns(row ?? { host_id: null, host_name: null, host_ip: null, service_instance_id: null });
      return `{"serviceName":${JSON.stringify(row?.service_name ?? 'unknown')},"attributes":${row?.resource ?? '{}'},"host":${JSON.stringify(host)}}`;
    });
  }
}
