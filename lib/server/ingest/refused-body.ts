// The body of an ingest request refused before it was read (early-admission.ts) must still be consumed when the
// connection is kept, so that the client's retry can follow on it. Node does that by letting its HTTP parser
// run over the body and dropping each piece in JavaScript: for every piece (up to 64 kB) the parser first copies
// it into a new Buffer and calls into JavaScript with it (node_http_parser.cc, on_body). Under overload that is
// ~1 MB of fresh Buffers per refusal, thousands of refusals a phase, and young Buffers are what make V8 run its
// minor GC ("external memory pressure" once they pass twice the semi-space size): the server's main thread then
// stops for every few dozen refusals, each 429 waiting behind it.
//
// The parser only copies when its body callback is a function, so for a refused request the callback slot is
// emptied until the request's last byte has been parsed, and put back then (or when the connection closes).
// The slots are internals of Node's HTTP parser (HTTPParser.kOnBody = 3, kOnMessageComplete = 4, unchanged
// since Node 12); they are recognised by their functions' names, and when they do not match, nothing is changed
// and Node discards the body its usual way.
import type http from 'node:http';

const ON_BODY = 3;
const ON_MESSAGE_COMPLETE = 4;

type ParserSlots = Record<number, unknown>;
type Callback = (this: unknown, ...args: unknown[]) => unknown;

function isNamedFunction(value: unknown, name: string): value is Callback {
  return typeof value === 'function' && value.name === name;
}

/**
 * Makes the parser skip the rest of `req`'s body without handing it to JavaScript (call it when refusing the request
 * with the connection kept: nobody will read the body). Returns false when Node's parser is not laid out as
 * expected; the body is then discarded as usual.
 */
export function skipRefusedBody(req: Pick<http.IncomingMessage, 'socket'>): boolean {
  const socket = req.socket as (http.IncomingMessage['socket'] & { parser?: ParserSlots | null }) | null;
  const parser = socket?.parser;
  if (!socket || !parser) return false;
  const onBody = parser[ON_BODY];
  const onComplete = parser[ON_MESSAGE_COMPLETE];
  if (!isNamedFunction(onBody, 'parserOnBody') || !isNamedFunction(onComplete, 'parserOnMessageComplete')) return false;
  const restore = () => {
    socket.off('close', restore);
    parser[ON_BODY] = onBody;
    parser[ON_MESSAGE_COMPLETE] = onComplete;
  };
  parser[ON_BODY] = undefined;
  parser[ON_MESSAGE_COMPLETE] = function (this: unknown, ...args: unknown[]) {
    restore();
    return onComplete.apply(this, args);
  };
  // Parsers are pooled across connections: one closed mid-body must go back with its callbacks.
  socket.on('close', restore);
  return true;
}
