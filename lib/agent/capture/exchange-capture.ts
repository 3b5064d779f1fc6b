// Turns one observed exchange (taps on both bodies, headers, timings) into a scrubbed CaptureRecord.
import { randomUUID } from 'node:crypto';
import type { CaptureRecord } from '../../domain/agent/capture-record';
import type { RecordedBody } from './body-recording';
import { scrubBody, scrubHeaders, scrubUrl, type ScrubRules } from './scrub';

type Headers = Record<string, string | string[] | undefined>;

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
  requestHeaders: Headers;
  requestBody: RecordedBody | null;
  response: { status: number; headers: Headers; body: RecordedBody | null } | null;
  error: string | null;
}

function headerValue(headers: Headers, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

interface BodyFields {
  body: string | null;
  bodySize: number;
  bodyTruncated: boolean;
  bodyWithheld: string | null;
}

const NO_BODY: BodyFields = { body: null, bodySize: 0, bodyTruncated: false, bodyWithheld: null };

function bodyFields(tap: RecordedBody | null, headers: Headers, rules: ScrubRules): BodyFields {
  if (!tap) return NO_BODY;
  const scrubbed = scrubBody(tap.bytes(), headerValue(headers, 'content-type'), tap.truncated, rules);
  return { body: scrubbed.body ? scrubbed.body.toString('base64') : null, bodySize: tap.size, bodyTruncated: tap.truncated, bodyWithheld: scrubbed.withheld };
}

// Each side's body fields are copied into its literal by name: a spread after other properties
// (`{ method, url, headers, ...body() }`) is a runtime call in V8 and was the largest part of building a record
// (issue 13: a record is built for every captured exchange).
export function captureRecord(exchange: ObservedExchange, rules: ScrubRules): CaptureRecord {
  const response = exchange.response;
  const sent = bodyFields(exchange.requestBody, exchange.requestHeaders, rules);
  const answered = response ? bodyFields(response.body, response.headers, rules) : NO_BODY;
  return {
    id: exchange.id ?? randomUUID(),
    agent: exchange.agent,
    route: exchange.route,
    shadowOf: exchange.shadowOf,
    traceId: exchange.trace?.traceId ?? null,
    spanId: exchange.trace?.spanId ?? null,
    parentSpanId: exchange.trace?.parentSpanId || null,
    faultId: exchange.faultId,
    startedAt: new Date(exchange.startedAt).toISOString(),
    durationMs: Math.round(exchange.durationMs * 1000) / 1000,
    request: {
      method: exchange.method,
      url: scrubUrl(exchange.url, rules),
      headers: scrubHeaders(exchange.requestHeaders, rules),
      body: sent.body,
      bodySize: sent.bodySize,
      bodyTruncated: sent.bodyTruncated,
      bodyWithheld: sent.bodyWithheld,
    },
    response: response
      ? {
          status: response.status,
          headers: scrubHeaders(response.headers, rules),
          body: answered.body,
          bodySize: answered.bodySize,
          bodyTruncated: answered.bodyTruncated,
          bodyWithheld: answered.bodyWithheld,
        }
      : null,
    error: exchange.error,
  };
}
