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
export type FaultMode = 'pass' | 'refuse' | 'blackhole';

export interface ProxyTarget {
  readonly host: string;
  readonly port: number;
}

interface Link {
  readonly client: Socket;
  upstream: Socket | undefined;
  piped: boolean;
}

/**
 * A real TCP proxy in front of one real server, on a port of its own on 127.0.0.1, whose mode
 * can be switched at any time: a network fault between the code under test and a shared server
 * that nobody else sees (the server keeps running for everyone else). A switch applies to open
 * connections too, because clients keep connections alive and would otherwise never meet it.
 * The integration tests and the fault suite (`npm run chaos`) both inject through it.
 */
export class FaultProxy {
  private readonly links = new Set<Link>();
  private server: Server | undefined;
  private current: FaultMode = 'pass';

  private constructor(
    readonly name: string,
    private readonly target: ProxyTarget,
    private listenPort: number,
  ) {}

  /**
   * Starts passing traffic to `target` (`host:port`, a URL, or a host and port) on a free port
   * of 127.0.0.1, or on `options.port`.
   */
  static async start(
    target: string | ProxyTarget,
    options: { readonly name?: string; readonly port?: number } = {},
  ): Promise<FaultProxy> {
    const resolved = typeof target === 'string' ? parseTarget(target) : target;
    const name = options.name ?? `${resolved.host}:${resolved.port}`;
    const proxy = new FaultProxy(name, resolved, options.port ?? 0);
    await proxy.listen();
    return proxy;
  }

  get port(): number {
    return this.listenPort;
  }

  /** `127.0.0.1:<port>`, for clients configured with host:port. */
  get address(): string {
    return `127.0.0.1:${this.listenPort}`;
  }

  /** `url` with its host and port replaced by the proxy's (path and query kept). */
  url(url: string): string {
    const proxied = new URL(url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(this.listenPort);
    const text = proxied.toString();
    return text.endsWith('/') && !url.endsWith('/') ? text.slice(0, -1) : text;
  }

  get mode(): FaultMode {
    return this.current;
  }

  /** The open client connections (held ones included). */
  get connections(): number {
    return this.links.size;
  }

  async setMode(mode: FaultMode): Promise<void> {
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

function parseTarget(target: string): ProxyTarget {
  const { hostname, port, protocol } = new URL(target.includes('://') ? target : `tcp://${target}`);
  if (port !== '') return { host: hostname, port: Number(port) };
  if (protocol === 'http:' || protocol === 'https:')
    return { host: hostname, port: protocol === 'https:' ? 443 : 80 };
  throw new Error(`a fault proxy needs a port in its target: ${target}`);
}
