import 'server-only';
// Keyset pagination over (trace start desc, trace id desc). The cursor is opaque to clients: base64url of
// "<startNs>.<traceIdHex>" of the last trace on the previous page.
import { AppError } from '../http/app-error';

export interface SearchCursor {
  startNs: bigint;
  traceIdHex: string;
}

export function encodeCursor(cursor: SearchCursor): string {
  return Buffer.from(`${cursor.startNs}.${cursor.traceIdHex}`).toString('base64url');
}

export function decodeCursor(text: string): SearchCursor {
  const decoded = Buffer.from(text, 'base64url').toString('utf8');
  const match = /^(\d{1,20})\.([0-9a-f]{32})$/.exec(decoded);
  if (!match) throw new AppError('bad_request', 'cursor is not valid; pass the nextCursor of a previous response', { details: { field: 'cursor' } });
  return { startNs: BigInt(match[1] as string), traceIdHex: match[2] as string };
}
