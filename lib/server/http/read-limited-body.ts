import 'server-only';
// Reads a request body with hard limits, for ingest endpoints. The raw (possibly compressed) body is read
// chunk by chunk and refused with 413 as soon as it passes maxBytes (Content-Length is checked first, but not
// trusted). A gzip/deflate Content-Encoding is then inflated with zlib's maxOutputLength, which aborts
// inflation the moment output would pass maxBytes — a decompression bomb costs at most maxBytes of memory.
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { AppError } from './app-error';

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);

export async function readRawBody(request: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new AppError('payload_too_large', `request body of ${declared} bytes exceeds the limit of ${maxBytes} bytes`);
  }
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new AppError('payload_too_large', `request body exceeds the limit of ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** Body after Content-Encoding (identity, gzip, deflate), never more than maxBytes either side. */
export async function readLimitedBody(request: Request, maxBytes: number): Promise<Buffer> {
  const raw = await readRawBody(request, maxBytes);
  const encoding = (request.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity' || encoding === '') return raw;
  if (encoding !== 'gzip' && encoding !== 'deflate') {
    throw new AppError('unsupported_media_type', `Content-Encoding "${encoding}" is not supported (use gzip, deflate or none)`);
  }
  try {
    return await (encoding === 'gzip' ? gunzip : inflate)(raw, { maxOutputLength: maxBytes });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw new AppError('payload_too_large', `decompressed body exceeds the limit of ${maxBytes} bytes`);
    }
    throw new AppError('bad_request', `body is not valid ${encoding} data: ${(error as Error).message}`);
  }
}
