// Sends the e2e traces through the real OTLP/HTTP JSON endpoint (POST /v1/traces) of the app under test.
import type { APIRequestContext } from '@playwright/test';
import { otlpJsonFromSpans } from '../../test/support/otlp-json-from-spans';
import { e2eTraceSpans } from './e2e-traces';

export async function sendE2eTraces(request: APIRequestContext): Promise<void> {
  const response = await request.post('/v1/traces', { data: otlpJsonFromSpans(e2eTraceSpans()), headers: { 'content-type': 'application/json' } });
  if (!response.ok()) throw new Error(`POST /v1/traces answered ${response.status()}: ${await response.text()}`);
}
