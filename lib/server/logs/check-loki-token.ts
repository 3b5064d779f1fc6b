import 'server-only';
// Ingest auth for the Loki push API: the same INGEST_TOKENS as OTLP. Loki clients (Promtail, Alloy,
// winston-loki, pino-loki, Grafana) usually send Basic auth, so a token is also accepted as the Basic
// password (any user name); Bearer goes through the shared OTLP check.
import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../http/app-error';
import { checkIngestToken } from '../ingest/ingest-request';

/** Loki clients authenticate with Basic (the token as password) or Bearer: both are offered. */
const CHALLENGE = 'Basic realm="tracehound", Bearer realm="tracehound"';

function basicPassword(header: string | null): string | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header?.trim() ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 ? decoded.slice(colon + 1) : null;
}

export function checkLokiToken(request: Request, tokens: readonly string[]): void {
  if (tokens.length === 0) return;
  const password = basicPassword(request.headers.get('authorization'));
  if (password === null) {
    try {
      checkIngestToken(request, tokens);
    } catch (error) {
      if (error instanceof AppError) throw new AppError(error.code, error.message, { headers: { 'WWW-Authenticate': CHALLENGE } });
      throw error;
    }
    return;
  }
  const given = Buffer.from(password);
  const ok = tokens.some((t) => {
    const expected = Buffer.from(t);
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!ok) throw new AppError('unauthorized', 'Missing or invalid ingest token (Basic password or Authorization: Bearer <token>).', { headers: { 'WWW-Authenticate': CHALLENGE } });
}
