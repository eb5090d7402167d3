import { connect, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';

/**
 * - `pass`: bytes flow both ways, as if the proxy were not there;
 * - `refuse`: the port stops listening (new connections get ECONNREFUSED) and every open
 *   connection is reset: a server that is down;
 * - `blackhole`: connections are accepted and kept, but no byte moves in either direction until
 *   the mode changes; then everything held flows on. That is what a SIGSTOPped server looks
 *   like to its clients (the kernel still accepts and buffers; nothing answers), so a client
 *   finds out only through its own timeouts.
 */
export type ProxyMode = 'pass' | 'refuse' | 'blackhole';

interface Link {
  readonly client: Socket;
  upstream: Socket | undefined;
  piped: boolean;
}

/**
 * A TCP proxy in front of one server, on a port of its own on 127.0.0.1, whose mode can be
 * switched at any time: a real network fault between the services and a shared server that
 * nobody else sees (the server itself keeps running for everyone else).
 */
export class FaultProxy {
  private readonly links = new Set<Link>();
  private server: Server | undefined;
  private current: ProxyMode = 'pass';

  private constructor(
    readonly name: string,
    private readonly target: { readonly host: string; readonly port: number },
    private listenPort: number,
  ) {}

  /** Starts passing traffic to `target` on a free port (or `port`). */
  static async start(
    name: string,
    target: { readonly host: string; readonly port: number },
    port = 0,
  ): Promise<FaultProxy> {
    const proxy = new FaultProxy(name, target, port);
    await proxy.listen();
    return proxy;
  }

  get port(): number {
    return this.listenPort;
  }

  get mode(): ProxyMode {
    return this.current;
  }

  /** The open client connections (held ones included). */
  get connections(): number {
    return this.links.size;
  }

  async setMode(mode: ProxyMode): Promise<void> {
    if (mode === this.current) return;
    const previous = this.current;
    this.current = mode;
    if (mode === 'refuse') {
      // close() resolves only once every connection has ended: reset them first.
      const closing = this.close();
      for (const link of this.links) this.drop(link, true);
      await closing;
      return;
    }
    if (previous === 'refuse') await this.listen();
    for (const link of this.links) {
      if (mode === 'blackhole') this.hold(link);
      else this.flow(link);
    }
  }

  /** Stops listening and drops every connection. */
  async stop(): Promise<void> {
    this.current = 'refuse';
    const closing = this.close();
    for (const link of this.links) this.drop(link, false);
    await closing;
  }

  private async listen(): Promise<void> {
    const server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.listenPort, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (typeof address === 'object' && address !== null) this.listenPort = address.port;
    this.server = server;
  }

  private async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server === undefined) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    const link: Link = { client, upstream: undefined, piped: false };
    this.links.add(link);
    client.on('error', () => this.drop(link, false));
    client.on('close', () => this.drop(link, false));
    if (this.current === 'pass') this.flow(link);
    else this.hold(link);
  }

  /** Connects upstream when not yet connected and lets bytes flow both ways (held bytes first). */
  private flow(link: Link): void {
    if (link.upstream === undefined) {
      const upstream = connect(this.target.port, this.target.host);
      link.upstream = upstream;
      upstream.on('error', () => this.drop(link, false));
      upstream.on('close', () => this.drop(link, false));
    }
    if (link.piped) return;
    link.client.pipe(link.upstream);
    link.upstream.pipe(link.client);
    link.piped = true;
    link.client.resume();
    link.upstream.resume();
  }

  /** Stops moving bytes; what arrives meanwhile waits in the sockets' buffers. */
  private hold(link: Link): void {
    if (link.piped && link.upstream !== undefined) {
      link.client.unpipe(link.upstream);
      link.upstream.unpipe(link.client);
      link.piped = false;
    }
    link.client.pause();
    link.upstream?.pause();
  }

  private drop(link: Link, reset: boolean): void {
    if (!this.links.delete(link)) return;
    // An RST, as from a server process that died, where the socket still can send one.
    if (reset && !link.client.destroyed) link.client.resetAndDestroy();
    else link.client.destroy();
    link.upstream?.destroy();
  }
}
