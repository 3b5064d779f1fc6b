// A capture batch's request body (`{"captures":[...]}`) written straight into one reused Buffer from the observed
// exchanges when the batch is sent (issue 13, sixth pass): no CaptureRecord object tree per exchange, no scrubbed
// header objects, no JSON string and no UTF-8 copy of it (the batch's POST needed one). The text is
// JSON.stringify's for the records captureRecord() builds, byte for byte (capture-json.test.ts compares the two):
// same keys in the same order, strings escaped the same way (a string with anything but printable ASCII goes
// through JSON.stringify itself), the same scrubbing. A Buffer rather than string concatenation: a long
// concatenated string is a rope V8 has to flatten before it is sent, which made an earlier hand-written JSON
// (fifth pass) slower than JSON.stringify.
import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { bodyFieldsOf, headerRecord, isoTime, NO_BODY, type BodyFields, type ObservedExchange, type ObservedHeaders } from './exchange-capture';
import { redact, scrubHeaders, scrubUrl, type ScrubRules } from './scrub';
import { GrowableBuffer } from '../shipping/growable-buffer';

type Headers = Record<string, string | string[] | undefined>;

class JsonWriter extends GrowableBuffer {
  constructor() {
    super(256 * 1024);
  }

  /** Text known to be ASCII that needs no escaping (punctuation and key names written by this module). */
  ascii(text: string): void {
    this.ensure(text.length);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < text.length; i++) buf[pos++] = text.charCodeAt(i);
    this.pos = pos;
  }

  /** A JSON string: printable ASCII without quote or backslash is copied as is; anything else as JSON.stringify writes it. */
  string(value: string): void {
    const length = value.length;
    this.ensure(length + 2);
    const buf = this.buf;
    let pos = this.pos;
    buf[pos++] = 0x22;
    // One pass: copied while checked; the first character that needs more sends the whole string the slow way.
    for (let i = 0; i < length; i++) {
      const c = value.charCodeAt(i);
      if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return this.escaped(value);
      buf[pos++] = c;
    }
    buf[pos++] = 0x22;
    this.pos = pos;
  }

  private escaped(value: string): void {
    const quoted = JSON.stringify(value);
    this.ensure(quoted.length * 3);
    this.pos += this.buf.write(quoted, this.pos, 'utf8');
  }

  /** Text that is known to need no escaping (base64), long: copied by node in one call. */
  plainString(value: string): void {
    this.ensure(value.length + 2);
    this.buf[this.pos++] = 0x22;
    this.pos += this.buf.write(value, this.pos, 'latin1');
    this.buf[this.pos++] = 0x22;
  }

  nullableString(value: string | null): void {
    if (value === null) this.ascii('null');
    else this.string(value);
  }

  /** As JSON.stringify writes a number (non-finite ones as null); small non-negative integers digit by digit. */
  number(value: number): void {
    if (value >= 0 && value < 1e15 && Math.floor(value) === value) this.digits(value);
    else this.ascii(Number.isFinite(value) ? String(value) : 'null');
  }

  /** A non-negative integer below 1e15, in decimal. */
  private digits(value: number): void {
    this.ensure(16);
    const buf = this.buf;
    if (value < 10) {
      buf[this.pos++] = 0x30 + value;
      return;
    }
    let end = this.pos;
    for (let rest = value; rest >= 1; rest = Math.floor(rest / 10)) end++;
    this.pos = end;
    for (let rest = value; rest >= 1; rest = Math.floor(rest / 10)) buf[--end] = 0x30 + (rest % 10);
  }

  /**
   * `Math.round(ms * 1000) / 1000` as JSON.stringify writes it, without converting a double to text (which
   * showed in the profile): for |thousandths| < 1e15 that text is exactly the integer's digits with a decimal
   * point three places from the right and trailing zeros dropped (capture-json.test.ts checks it on many values).
   */
  thousandths(ms: number): void {
    const m = Math.round(ms * 1000);
    if (!(Math.abs(m) < 1e15)) return this.number(m / 1000);
    if (m === 0) return this.ascii('0');
    if (m < 0) this.ascii('-');
    const abs = Math.abs(m);
    const whole = Math.floor(abs / 1000);
    let fraction = abs - whole * 1000;
    this.digits(whole);
    if (fraction === 0) return;
    this.ensure(4);
    const buf = this.buf;
    buf[this.pos++] = 0x2e;
    buf[this.pos++] = 0x30 + Math.floor(fraction / 100);
    fraction %= 100;
    if (fraction === 0) return;
    buf[this.pos++] = 0x30 + Math.floor(fraction / 10);
    fraction %= 10;
    if (fraction !== 0) buf[this.pos++] = 0x30 + fraction;
  }

  /**
   * Headers as observed: a raw list (an upstream response's, or the client request's `rawHeaders`) is written
   * straight from the list when no name repeats (the common case: then the record would have the same entries in
   * the same order), anything else through its record. Returns the content type, for the body's scrubbing.
   */
  observedHeaders(observed: ObservedHeaders, rules: ScrubRules): string | undefined {
    const raw = observed instanceof IncomingMessage ? observed.rawHeaders : Array.isArray(observed) ? (observed as readonly string[]) : null;
    if (raw === null || !plainRawList(raw)) {
      const record = headerRecord(observed);
      this.headers(record, rules);
      const type = record['content-type'];
      return Array.isArray(type) ? type[0] : type;
    }
    let contentType: string | undefined;
    this.ascii('{');
    for (let i = 0; i < raw.length; i += 2) {
      const name = raw[i]!.toLowerCase();
      const value = raw[i + 1]!;
      if (i > 0) this.ascii(',');
      this.string(name);
      this.ascii(':');
      this.string(rules.headers.has(name) ? redact(value) : value);
      if (contentType === undefined && name === 'content-type') contentType = value;
    }
    this.ascii('}');
    return contentType;
  }

  /**
   * A header record as scrubHeaders() returns it: lower-case names, secrets redacted, undefined values left out.
   * Names that are not already lower case (records the agent did not get from node:http or a raw list) go through
   * scrubHeaders itself, which decides between names that differ only in case.
   */
  headers(headers: Headers, rules: ScrubRules): void {
    for (const name in headers) {
      if (name !== name.toLowerCase()) return this.scrubbedHeaders(scrubHeaders(headers, rules));
    }
    this.ascii('{');
    let first = true;
    for (const name in headers) {
      const value = headers[name];
      // `out.__proto__ = value` in scrubHeaders adds no key: nothing is written for it either.
      if (value === undefined || name === '__proto__') continue;
      if (!first) this.ascii(',');
      first = false;
      this.string(name);
      this.ascii(':');
      const secret = rules.headers.has(name);
      if (Array.isArray(value)) {
        this.ascii('[');
        for (let i = 0; i < value.length; i++) {
          if (i > 0) this.ascii(',');
          this.string(secret ? redact(value[i]!) : value[i]!);
        }
        this.ascii(']');
      } else this.string(secret ? redact(value) : value);
    }
    this.ascii('}');
  }

  private scrubbedHeaders(headers: Record<string, string | string[]>): void {
    this.ascii('{');
    let first = true;
    for (const name in headers) {
      if (!first) this.ascii(',');
      first = false;
      this.string(name);
      this.ascii(':');
      const value = headers[name]!;
      if (Array.isArray(value)) {
        this.ascii('[');
        for (let i = 0; i < value.length; i++) {
          if (i > 0) this.ascii(',');
          this.string(value[i]!);
        }
        this.ascii(']');
      } else this.string(value);
    }
    this.ascii('}');
  }

  body(fields: BodyFields): void {
    this.ascii(',"body":');
    if (fields.body === null) this.ascii('null');
    else this.plainString(fields.body);
    this.ascii(',"bodySize":');
    this.number(fields.bodySize);
    this.ascii(fields.bodyTruncated ? ',"bodyTruncated":true,"bodyWithheld":' : ',"bodyTruncated":false,"bodyWithheld":');
    this.nullableString(fields.bodyWithheld);
  }

  /** One record: the fields of captureRecord() in its order. */
  record(exchange: ObservedExchange, rules: ScrubRules): void {
    const response = exchange.response;
    const trace = exchange.trace;
    this.ascii('{"id":');
    this.string(exchange.id ?? randomUUID());
    this.ascii(',"agent":');
    this.string(exchange.agent);
    this.ascii(',"route":');
    this.string(exchange.route);
    this.ascii(',"shadowOf":');
    this.nullableString(exchange.shadowOf);
    this.ascii(',"traceId":');
    this.nullableString(trace?.traceId ?? null);
    this.ascii(',"spanId":');
    this.nullableString(trace?.spanId ?? null);
    this.ascii(',"parentSpanId":');
    this.nullableString(trace?.parentSpanId || null);
    this.ascii(',"faultId":');
    this.nullableString(exchange.faultId);
    this.ascii(',"startedAt":');
    this.string(isoTime(exchange.startedAt));
    this.ascii(',"durationMs":');
    this.thousandths(exchange.durationMs);
    this.ascii(',"request":{"method":');
    this.string(exchange.method);
    this.ascii(',"url":');
    this.string(scrubUrl(exchange.url, rules));
    this.ascii(',"headers":');
    const requestType = this.observedHeaders(exchange.requestHeaders, rules);
    this.body(bodyFieldsOf(exchange.requestBody, requestType, rules));
    if (response) {
      this.ascii('},"response":{"status":');
      this.number(response.status);
      this.ascii(',"headers":');
      const responseType = this.observedHeaders(response.headers, rules);
      this.body(response.body ? bodyFieldsOf(response.body, responseType, rules) : NO_BODY);
      this.ascii('},"error":');
    } else this.ascii('},"response":null,"error":');
    this.nullableString(exchange.error);
    this.ascii('}');
  }
}

/**
 * A raw header list whose record would hold the same entries in the same order: no name repeats (case aside),
 * none starts with a digit (an integer-like key moves to the front of an object) and none is `__proto__`. Lists
 * of more than 32 headers are not checked (the pairwise comparison grows with the square) and take the record.
 */
function plainRawList(raw: readonly string[]): boolean {
  if (raw.length > 64) return false;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    const first = name.charCodeAt(0);
    if (first >= 0x30 && first <= 0x39) return false;
    if (name.length === 9 && name.toLowerCase() === '__proto__') return false;
    for (let j = i + 2; j < raw.length; j += 2) {
      const other = raw[j]!;
      if (other.length === name.length && (other === name || other.toLowerCase() === name.toLowerCase())) return false;
    }
  }
  return true;
}

/**
 * An encoder of capture batches (`{"captures":[...]}`): one writer reused batch after batch, each batch's bytes
 * copied out of it (the previous one may still be in flight).
 */
export function captureBatchEncoder(rules: ScrubRules): (batch: readonly ObservedExchange[]) => Buffer {
  const w = new JsonWriter();
  return (batch) => {
    w.pos = 0;
    w.ascii('{"captures":[');
    for (let i = 0; i < batch.length; i++) {
      if (i > 0) w.ascii(',');
      w.record(batch[i]!, rules);
    }
    w.ascii(']}');
    return w.copyOut();
  };
}
