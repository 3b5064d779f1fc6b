// Pipes a body through transforms into the client's response and settles when the response is done. Used
// instead of stream.pipeline, which creates (and aborts) an AbortController and an error per call: measurable
// at proxy request rates. Any error or an early close destroys every stream of the chain.
import type { Readable, Transform, Writable } from 'node:stream';

export function pipeChain(source: Readable, transforms: readonly Transform[], sink: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const all: (Readable | Writable)[] = [source, ...transforms, sink];
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      for (const stream of all) stream.destroy();
      reject(error);
    };
    for (const stream of all) stream.once('error', fail);
    sink.once('finish', () => {
      settled = true;
      resolve();
    });
    sink.once('close', () => {
      if (!settled) fail(Object.assign(new Error('client closed the response early'), { code: 'ECONNRESET' }));
    });
    let tail: Readable = source;
    for (const transform of transforms) tail = tail.pipe(transform);
    tail.pipe(sink);
  });
}
