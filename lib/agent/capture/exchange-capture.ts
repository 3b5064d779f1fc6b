// Turns one observed exchange (taps on both bodies, headers, timings) into a scrubbed CaptureRecord.
import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import type { CaptureRecord } from '../../domain/agent/capture-record';
import type { RecordedBody } from './body-recording';
import { scrubBody, scrubHeaders, scrubUrl, type ScrubRules } from './scrub';
import { rawHeaderRecord } from '../http/proxy-headers';

type Headers = Record<string, string | string[] | undefined>;

/**
 * Headers as observed, turned into a record only when the capture's batch is built (issue 13: at capture rate 1
 * building both header objects on the request path was a visible share of the agent's CPU): a record, the
 * client's request itself (node:http builds `req.headers` from its raw list on first use, merging repeated
 * headers its way), or an upstream response's raw list (name, value, ...: repeated headers become arrays).
 */
export type ObservedHeaders = Headers | IncomingMessage | readonly string[];

export function headerRecord(headers: ObservedHeaders): Headers {
  if (headers instanceof IncomingMessage) return headers.headers;
  return isRawList(headers) ? rawHeaderRecord(headers) : headers;
}

function isRawList(headers: Headers | readonly string[]): headers is readonly string[] {
  return Array.isArray(headers);
}

export interface ObservedExchange {
  id?: string;
  agent: string;
  route: string;
  shadowOf: string | null;
  trace: { traceId: string; spanId: string; parentSpanId: string } | null;
  faultId: string | null;
  startedAt: number;
  durationMs: number;
  method: string;
  url: string;
  requestHeaders: ObservedHeaders;
  requestBody: RecordedBody | null;
  response: { status: number; headers: ObservedHeaders; body: RecordedBody | null } | null;
  error: string | null;
}

function headerValue(headers: Headers, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export interface BodyFields {
  body: string | null;
  bodySize: number;
  bodyTruncated: boolean;
  bodyWithheld: string | null;
}

export const NO_BODY: BodyFields = { body: null, bodySize: 0, bodyTruncated: false, bodyWithheld: null };

export function bodyFields(tap: RecordedBody | null, headers: Headers, rules: ScrubRules): BodyFields {
  return bodyFieldsOf(tap, headerValue(headers, 'content-type'), rules);
}

/** A body's fields, scrubbed by its content type. */
export function bodyFieldsOf(tap: RecordedBody | null, contentType: string | undefined, rules: ScrubRules): BodyFields {
  if (!tap) return NO_BODY;
  const scrubbed = scrubBody(tap.bytes(), contentType, tap.truncated, rules);
  return { body: scrubbed.body ? scrubbed.body.toString('base64') : null, bodySize: tap.size, bodyTruncated: tap.truncated, bodyWithheld: scrubbed.withheld };
}

// Each side's body fields are copied into its literal by name: a spread after other properties
// (`{ method, url, headers, ...body() }`) is a runtime call in V8 and was the largest part of building a record
// (issue 13: a record is built for every captured exchange).
export function captureRecord(exchange: ObservedExchange, rules: ScrubRules): CaptureRecord {
  const response = exchange.response;
  const requestHeaders = headerRecord(exchange.requestHeaders);
  const responseHeaders = response ? headerRecord(response.headers) : null;
  const sent = bodyFields(exchange.requestBody, requestHeaders, rules);
  const answered = response ? bodyFields(response.body, responseHeaders!, rules) : NO_BODY;
  return {
    id: exchange.id ?? randomUUID(),
    agent: exchange.agent,
    route: exchange.route,
    shadowOf: exchange.shadowOf,
    traceId: exchange.trace?.traceId ?? null,
    spanId: exchange.trace?.spanId ?? null,
    parentSpanId: exchange.trace?.parentSpanId || null,
    faultId: exchange.faultId,
    startedAt: isoTime(exchange.startedAt),
    durationMs: Math.round(exchange.durationMs * 1000) / 1000,
    request: {
      method: exchange.method,
      url: scrubUrl(exchange.url, rules),
      headers: scrubHeaders(requestHeaders, rules),
      body: sent.body,
      bodySize: sent.bodySize,
      bodyTruncated: sent.bodyTruncated,
      bodyWithheld: sent.bodyWithheld,
    },
    response: response
      ? {
          status: response.status,
          headers: scrubHeaders(responseHeaders!, rules),
          body: answered.body,
          bodySize: answered.bodySize,
          bodyTruncated: answered.bodyTruncated,
          bodyWithheld: answered.bodyWithheld,
        }
      : null,
    error: exchange.error,
  };
}

// The capture's start time as ISO text: Date#toISOString was ~1.7 µs per record on the bench machine (issue 13,
// fifth pass), most of a record's build; captures come in bursts, so the text up to the second is reused.
let isoSecond = NaN;
let isoPrefix = '';

/** `new Date(ms).toISOString()`, with the part up to the seconds kept from the last call (captures come in bursts). */
export function isoTime(ms: number): string {
  if (!Number.isInteger(ms)) return new Date(ms).toISOString();
  const second = Math.floor(ms / 1000);
  if (second !== isoSecond) {
    const full = new Date(ms).toISOString();
    // Only for the usual four-digit years ("2026-11-29T06:48:12.345Z"); others are formatted in full every time.
    if (full.length !== 24) return full;
    isoSecond = second;
    isoPrefix = full.slice(0, 20);
  }
  const millis = ms - second * 1000;
  return `${isoPrefix}${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}
