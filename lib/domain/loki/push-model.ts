// The decoded form of a Loki push (JSON or protobuf), before trace correlation. Times are unix ns (bigint).
export interface PushEntry {
  timeUnixNano: bigint;
  line: string;
  /** Loki structured metadata (string → string). */
  metadata: Record<string, string>;
}

export interface PushStream {
  labels: Record<string, string>;
  entries: PushEntry[];
}

/** Why a push body was rejected: `bad_request` → 400, `too_large` → 413. Messages name the problem. */
export class PushDecodeError extends Error {
  override name = 'PushDecodeError';
  constructor(
    readonly kind: 'bad_request' | 'too_large',
    message: string,
  ) {
    super(message);
  }
}
