import 'server-only';
// One live tail of /loki/api/v1/tail (Loki's semantics): first the newest `limit` lines since `start`, then
// every new matching line, polled from the store every TAIL_POLL_MS. Lines are sent `delay_for` seconds
// late, as Loki does, so lines arriving slightly out of order are still sent in order.
//
// Polling a store instead of following an ingester's push means lines can arrive after the poll that would
// have covered their timestamp (clients batch, e.g. every few seconds): each poll re-reads the last
// LATE_ARRIVAL_NS and skips the lines already sent (their keys are kept for that long, at most
// MAX_SENT_KEYS of them). Memory per tail is bounded: at most POLL_LINES lines per poll, and when the client
// reads too slowly (more than MAX_BUFFERED_BYTES waiting in the socket) new lines are not queued but reported
// in `dropped_entries`, as Loki reports the entries a slow tail client missed.
import type pg from 'pg';
import type { LogQuery } from '@/lib/domain/logql/logql-ast';
import { lokiStreamsResponse } from './loki-streams-response';
import { newestTailLines, unsentTailLines, type TailLine } from './query-tail-lines';

export const LATE_ARRIVAL_NS = 30_000_000_000n;
const MAX_SENT_KEYS = 20_000;
const POLL_LINES = 1_000;
const LINES_PER_MESSAGE = 100;
export const MAX_BUFFERED_BYTES = 1024 * 1024;
const MAX_DROPPED_LISTED = 100;

/** The part of a WebSocket a tail uses (ws's WebSocket satisfies it). */
export interface TailSocket {
  send(text: string): void;
  readonly bufferedAmount: number;
}

export interface TailRequest {
  tenant: string;
  query: LogQuery;
  startNs: bigint;
  limit: number;
  delayNs: bigint;
}

/** A message of the tail: Loki's TailResponse (loghttp/tail.go; `dropped_entries` only when some were). */
export interface TailMessage {
  streams: { stream: Record<string, string>; values: [string, string][] }[];
  dropped_entries?: { labels: Record<string, string>; timestamp: string }[];
}

export class LokiTail {
  /** Keys of lines sent, with their times, oldest first (pruned past LATE_ARRIVAL_NS / MAX_SENT_KEYS). */
  private sent: { key: string; timeNs: bigint }[] = [];
  private floorNs: bigint;
  private started = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly request: TailRequest,
    private readonly socket: TailSocket,
    private readonly now: () => bigint = () => BigInt(Date.now()) * 1_000_000n,
  ) {
    this.floorNs = request.startNs;
  }

  /** One round: the history on the first call, new lines after. Resolves to the number of lines sent. */
  async poll(): Promise<number> {
    const upper = this.now() - this.request.delayNs;
    if (upper <= this.floorNs) return 0;
    const scope = { tenant: this.request.tenant, endNs: upper };
    let lines: TailLine[];
    if (!this.started) {
      lines = await newestTailLines(this.pool, this.request.query, { ...scope, startNs: this.floorNs }, this.request.limit);
      this.started = true;
      // Older lines than the history were left out on purpose (limit): never send them later.
      if (lines.length === this.request.limit && lines[0]) this.floorNs = BigInt(lines[0].timeUnixNano);
    } else {
      const from = this.floorNs > upper - LATE_ARRIVAL_NS ? this.floorNs : upper - LATE_ARRIVAL_NS;
      lines = await unsentTailLines(this.pool, this.request.query, { ...scope, startNs: from }, this.sentKeysFrom(from), POLL_LINES);
    }
    this.remember(lines, upper);
    this.deliver(lines);
    return lines.length;
  }

  private sentKeysFrom(fromNs: bigint): string[] {
    return this.sent.filter((s) => s.timeNs >= fromNs).map((s) => s.key);
  }

  private remember(lines: readonly TailLine[], upper: bigint): void {
    for (const l of lines) this.sent.push({ key: l.key, timeNs: BigInt(l.timeUnixNano) });
    this.sent.sort((a, b) => (a.timeNs < b.timeNs ? -1 : a.timeNs > b.timeNs ? 1 : 0));
    const horizon = upper - LATE_ARRIVAL_NS;
    let cut = 0;
    while (cut < this.sent.length && this.sent[cut]!.timeNs < horizon) cut++;
    if (this.sent.length - cut > MAX_SENT_KEYS) {
      // Too many lines within the late-arrival window to remember: forget the oldest and never look below
      // the newest forgotten time again (a late line there is missed rather than sent twice).
      cut = this.sent.length - MAX_SENT_KEYS;
      const newestForgotten = this.sent[cut - 1]!.timeNs;
      if (newestForgotten + 1n > this.floorNs) this.floorNs = newestForgotten + 1n;
    }
    if (cut > 0) this.sent = this.sent.slice(cut);
  }

  private deliver(lines: readonly TailLine[]): void {
    for (let i = 0; i < lines.length; i += LINES_PER_MESSAGE) {
      const chunk = lines.slice(i, i + LINES_PER_MESSAGE);
      if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
        this.socket.send(JSON.stringify(droppedMessage(lines.slice(i))));
        return;
      }
      this.socket.send(JSON.stringify(tailMessage(chunk)));
    }
  }
}

export function tailMessage(lines: readonly TailLine[]): TailMessage {
  return { streams: lokiStreamsResponse(lines, 'forward').data.result };
}

/** Lines a slow client will not get, named as Loki names them: labels and timestamp (the first 100). */
export function droppedMessage(lines: readonly TailLine[]): TailMessage {
  return {
    streams: [],
    dropped_entries: lines.slice(0, MAX_DROPPED_LISTED).map((l) => ({ labels: { ...l.labels }, timestamp: l.timeUnixNano })),
  };
}
