import 'server-only';
// Stream ids and line fingerprints.
//
// stream_id = the first 8 bytes of SHA-256 over the canonical label string (formatLabelString: keys sorted by
//   UTF-16 code unit, `{k="v", ...}` with Go quoting), read as a big-endian SIGNED 64-bit integer (Postgres
//   bigint). Same label set in any key order → same stream.
// fingerprint = the first 16 bytes of SHA-256 over `<stream_id decimal>\0<line>\0<canonical metadata>` where
//   canonical metadata is the label-string form of the metadata map. The logs primary key is
//   (trace_id, tenant, time_unix_nano, fingerprint), so a re-delivered line (same stream, time, line and
//   metadata) is stored once.
import { createHash, hash } from 'node:crypto';
import { formatLabelString } from '@/lib/domain/loki/label-string';

export function streamIdOf(labels: Record<string, string>): bigint {
  return createHash('sha256').update(formatLabelString(labels)).digest().readBigInt64BE(0);
}

export function fingerprintOf(streamId: bigint, line: string, metadata: Record<string, string>): Buffer {
  // One-shot hash(): ~2.5x faster than createHash().update()... on the ingest hot path.
  const meta = Object.keys(metadata).length === 0 ? '' : formatLabelString(metadata);
  return (hash('sha256', `${streamId}\0${line}\0${meta}`, 'buffer') as Buffer).subarray(0, 16);
}
