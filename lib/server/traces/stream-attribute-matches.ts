import 'server-only';
// Find in trace over attribute values, for the trace page (which no longer holds every span's attributes) and
// API users: the ids of the trace's spans with an attribute whose `key=value` text contains the query
// (lib/domain/waterfall/attribute-find.ts). Postgres pre-filters on the attributes' JSON text
// (attributePrefilterTerms, ILIKE ALL) so most spans never leave the database; Node applies the exact rule to
// the rest, BATCH rows at a time through a cursor, so memory stays bounded however many spans match.
// Body: {"traceId": "...", "spanIds": ["<16 hex>", ...]} in no particular order.
import { attributePrefilterTerms, attributesMatch } from '@/lib/domain/waterfall/attribute-find';
import type { Attributes } from '@/lib/domain/model/any-value';
import type { Database } from '../db/database';
import { hexToBytes } from '../db/id-bytes';
import { transactionStream } from '../db/transaction-stream';

const BATCH = 5000;

// jsonb attributes come back parsed by node-postgres; the '{}' of a span without attributes is skipped here.
const DECLARE_SQL = `
DECLARE attribute_matches NO SCROLL CURSOR FOR
SELECT encode(span_id, 'hex') AS span_id, attributes
FROM spans WHERE tenant = $1 AND trace_id = $2 AND start_time_unix_nano >= $3::int8
  AND attributes <> '{}'::jsonb AND attributes::text ILIKE ALL ($4::text[])`;

interface Row {
  span_id: string;
  attributes: Attributes;
}

/** LIKE pattern for "contains `term`" (backslash is LIKE's default escape character). */
function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `q`: findQueryText of the query (trimmed, lower-case, not empty). */
export function streamAttributeMatches(db: Database, tenant: string, traceId: string, base: bigint, q: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let first = true;
  let fetchedAll = false;
  return transactionStream(db.pool, {
    async open(client) {
      await client.query(DECLARE_SQL, [tenant, hexToBytes(traceId), base.toString(), attributePrefilterTerms(q).map(containsPattern)]);
      return encoder.encode(`{"traceId":${JSON.stringify(traceId)},"spanIds":[`);
    },
    async next(client) {
      if (fetchedAll) return null;
      const { rows } = await client.query<Row>(`FETCH ${BATCH} FROM attribute_matches`);
      if (rows.length < BATCH) fetchedAll = true;
      let text = '';
      for (const row of rows) {
        if (!attributesMatch(row.attributes, q)) continue;
        text += `${first ? '' : ','}"${row.span_id}"`;
        first = false;
      }
      return encoder.encode(text);
    },
    async close() {
      return encoder.encode(']}');
    },
  });
}
