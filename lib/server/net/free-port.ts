// Asks the OS for a free loopback port (listen on 0, read it, close). Used where a port must be known before
// the listener starts: the embedded database's socket server, the demo's services (inventory and pricing
// must know each other's URL before either starts), and test servers.
import { createServer } from 'node:net';

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
