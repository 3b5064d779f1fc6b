// A TCP route (a "proxy" in Toxiproxy's API): listens, connects each client to the upstream, and applies the
// proxy's toxics. Disabling the proxy ("down") closes the listener and every connection, so new clients
// get ECONNREFUSED, as with Toxiproxy's `enabled: false`.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { parseHostPort, formatHostPort } from '../config/host-port';
import { ToxicPump } from './toxic-pump';
import type { Toxic } from './toxic';

export interface TcpProxyConfig {
  name: string;
  listen: string;
  upstream: string;
  enabled: boolean;
}

class Connection {
  private readonly rolls = new Map<string, boolean>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly proxy: TcpProxy,
    readonly client: Socket,
    readonly server: Socket,
  ) {
    const host = (stream: Toxic['stream']) => ({
      activeToxics: () => this.proxy.toxicList().filter((t) => t.stream === stream && this.rolled(t)),
      changed: () => this.proxy.changedSignal(),
      close: () => this.close(),
      resetOnData: (toxic: Toxic) => this.resetOnData(toxic),
    });
    new ToxicPump(client, server, host('upstream'));
    new ToxicPump(server, client, host('downstream'));
    for (const toxic of proxy.toxicList()) this.toxicAdded(toxic);
  }

  rolled(toxic: Toxic): boolean {
    let hit = this.rolls.get(toxic.id);
    if (hit === undefined) {
      hit = toxic.toxicity >= 1 || Math.random() < toxic.toxicity;
      this.rolls.set(toxic.id, hit);
    }
    return hit;
  }

  /** `timeout` starts its timer when it reaches a connection (0 = swallow data until removed, never close). */
  toxicAdded(toxic: Toxic): void {
    if (toxic.type !== 'timeout' || !this.rolled(toxic) || !toxic.attributes.timeout) return;
    this.timers.set(
      toxic.id,
      setTimeout(() => this.close(), toxic.attributes.timeout),
    );
  }

  /** `reset_peer`, as in Toxiproxy: the first data in its direction is dropped and the peer reset after `timeout`. */
  resetOnData(toxic: Toxic): void {
    if (this.timers.has(toxic.id)) return;
    this.timers.set(
      toxic.id,
      setTimeout(() => this.reset(), toxic.attributes.timeout ?? 0),
    );
  }

  toxicRemoved(toxic: Toxic): void {
    clearTimeout(this.timers.get(toxic.id));
    this.timers.delete(toxic.id);
  }

  reset(): void {
    if (!this.client.destroyed) this.client.resetAndDestroy();
    this.server.destroy();
    this.cleanup();
  }

  /** A graceful close (FIN) of both sides, as Toxiproxy's timeout and limit_data do; destroyed if they linger. */
  close(): void {
    this.client.end();
    this.server.end();
    setTimeout(() => {
      this.client.destroy();
      this.server.destroy();
    }, 1_000).unref();
    this.cleanup();
  }

  destroy(): void {
    this.client.destroy();
    this.server.destroy();
    this.cleanup();
  }

  cleanup(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.proxy.forget(this);
  }
}

export class TcpProxy {
  readonly protocol = 'tcp';
  private server: Server | null = null;
  private readonly toxics = new Map<string, Toxic>();
  private readonly connections = new Set<Connection>();
  private changed = new AbortController();
  private starting: Promise<void> | undefined;
  config: TcpProxyConfig;

  constructor(config: TcpProxyConfig) {
    this.config = { ...config };
  }

  get name(): string {
    return this.config.name;
  }

  toxicList(): Toxic[] {
    return [...this.toxics.values()];
  }

  getToxic(name: string): Toxic | undefined {
    return this.toxics.get(name);
  }

  changedSignal(): AbortSignal {
    return this.changed.signal;
  }

  forget(connection: Connection): void {
    this.connections.delete(connection);
  }

  connectionCount(): number {
    return this.connections.size;
  }

  /** Starts listening when enabled; the actual address replaces a :0 port. */
  start(): Promise<void> {
    // Concurrent starts (a reverted "down" and a reset at once) share one listen.
    this.starting ??= this.listen().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async listen(): Promise<void> {
    if (!this.config.enabled || this.server) return;
    const { host, port } = parseHostPort(this.config.listen)!;
    // allowHalfOpen: a client's FIN must not end the other direction while delayed data is still queued.
    const server = createServer({ allowHalfOpen: true }, (client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (typeof address === 'object' && address) this.config.listen = formatHostPort({ host, port: address.port });
    // Taken down while the listen was under way: a "down" must win over a start that began before it.
    if (!this.config.enabled) return void server.close();
    this.server = server;
  }

  /** Closes the listener and every connection now (does not wait for clients). */
  stop(): void {
    this.server?.close();
    this.server = null;
    for (const connection of [...this.connections]) connection.destroy();
  }

  async setEnabled(enabled: boolean): Promise<void> {
    this.config.enabled = enabled;
    if (enabled) await this.start();
    else this.stop();
  }

  addToxic(toxic: Toxic): void {
    this.toxics.set(toxic.name, toxic);
    this.signalChange();
    for (const connection of this.connections) connection.toxicAdded(toxic);
  }

  removeToxic(name: string): Toxic | undefined {
    const toxic = this.toxics.get(name);
    if (!toxic) return undefined;
    this.toxics.delete(name);
    this.signalChange();
    for (const connection of this.connections) connection.toxicRemoved(toxic);
    return toxic;
  }

  private signalChange(): void {
    const previous = this.changed;
    this.changed = new AbortController();
    previous.abort();
  }

  private accept(client: Socket): void {
    const { host, port } = parseHostPort(this.config.upstream)!;
    client.setNoDelay(true);
    const server = connect({ host, port, noDelay: true, allowHalfOpen: true });
    const connection = new Connection(this, client, server);
    this.connections.add(connection);
    client.on('error', () => connection.destroy());
    server.on('error', () => connection.destroy());
    // The client socket closes only after both directions are done, so nothing is left to deliver upstream.
    client.on('close', () => connection.destroy());
    // A graceful upstream close is passed on by the downstream pump once its queue is delivered.
    server.on('close', (hadError) => {
      if (hadError) connection.destroy();
    });
  }
}
