import 'server-only';
// The Loki push pipeline: decode (JSON or snappy+protobuf) → correlate → write. Decoding finishes before any
// write, so a malformed body changes nothing. Large pushes are written in chunks to bound statement size.
import { decodeJsonPush } from '@/lib/domain/loki/decode-json-push';
import { decodeProtobufPush } from '@/lib/domain/loki/decode-protobuf-push';
import { PushDecodeError, type PushStream } from '@/lib/domain/loki/push-model';
import { pushToLogRows } from '@/lib/domain/loki/push-to-log-rows';
import { AppError } from '../http/app-error';
import type { Queryable } from '../db/queryable';
import { writeLogs } from './write-logs';

const CHUNK_ROWS = 5_000;

export interface LokiPushInput {
  contentType: string;
  body: Uint8Array;
  tenant: string;
  maxUncompressedBytes: number;
}

export function decodeLokiPush(input: Omit<LokiPushInput, 'tenant'>): PushStream[] {
  const isJson = input.contentType.split(';')[0]?.trim().toLowerCase() === 'application/json';
  try {
    return isJson
      ? decodeJsonPush(new TextDecoder('utf-8', { fatal: false }).decode(input.body))
      : decodeProtobufPush(input.body, input.maxUncompressedBytes);
  } catch (error) {
    if (error instanceof PushDecodeError) {
      throw new AppError(error.kind === 'too_large' ? 'payload_too_large' : 'bad_request', error.message);
    }
    throw error;
  }
}

export async function ingestLokiPush(db: Queryable, input: LokiPushInput): Promise<{ lines: number; inserted: number }> {
  const streams = decodeLokiPush(input);
  const now = BigInt(Date.now()) * 1_000_000n;
  const rows = pushToLogRows(streams, input.tenant, now);
  let inserted = 0;
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
    inserted += (await writeLogs(db, rows.slice(i, i + CHUNK_ROWS))).inserted;
  }
  return { lines: rows.length, inserted };
}
