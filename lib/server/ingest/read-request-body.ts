import 'server-only';
// Reads an ingest request body with hard limits, so no body — however large or however well it compresses —
// can exhaust memory: the compressed stream is read chunk by chunk and abandoned as soon as it passes
// `maxBytes` (Content-Length is checked first so honest oversized requests fail before any read), and
// gzip/deflate bodies are inflated by zlib with `maxOutputLength`, which stops inflating as soon as the
// output would pass the limit (a 10 GB gzip bomb costs at most `maxBytes` of memory).
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { AppError } from '../http/app-error';
import type { ByteBudget } from './ingest-pipelines';

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);

export async function readRequestBody(request: Request, maxBytes: number, budget?: ByteBudget): Promise<Uint8Array> {
  const encoding = (request.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip' && encoding !== 'deflate') {
    throw new AppError('unsupported_media_type', `Unsupported Content-Encoding "${encoding}"; use gzip, deflate or none.`);
  }
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  const raw = await readLimited(request, maxBytes, budget);
  if (encoding === 'identity') return raw;
  try {
    const inflated = encoding === 'gzip' ? await gunzip(raw, { maxOutputLength: maxBytes }) : await inflate(raw, { maxOutputLength: maxBytes });
    budget?.take(inflated.byteLength);
    return new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.byteLength);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) throw tooLarge(maxBytes);
    throw new AppError('bad_request', `Cannot decompress ${encoding} body: ${(error as Error).message}`);
  }
}

function tooLarge(maxBytes: number): AppError {
  return new AppError('payload_too_large', `Request body exceeds the limit of ${maxBytes} bytes (after decompression).`, {
    details: { limitBytes: maxBytes },
  });
}

async function readLimited(request: Request, maxBytes: number, budget: ByteBudget | undefined): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    try {
      budget?.take(value.byteLength);
    } catch (error) {
      await reader.cancel().catch(() => {});
      throw error;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}
