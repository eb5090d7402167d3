import { connect, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';

/**
 * `pass`: forward bytes both ways. `refuse`: nothing listens (connects fail with ECONNREFUSED)
 * and open connections are reset. `blackhole`: connections are accepted and read, never
 * answered, like a frozen or partitioned server.
 */
export type FaultMode = 'pass' | 'refuse' | 'blackhole';

interface Connection {
  readonly client: Socket;
  upstream: Socket | undefined;
  /** Bytes were swallowed: the protocol on this connection cannot resume. */
  broken: boolean;
}

const ignore = (): void => undefined;

/**
 * A real TCP proxy in front of a real server, for fault tests: clients talk to `port`, and the
 * test switches what the "server" does. A switch applies to open connections too, because HTTP
 * clients keep connections alive and would otherwise never meet the fault.
 */
export class FaultProxy {
  private server: Server | undefined;
  private mode: FaultMode = 'pass';
  private boundPort = 0;
  private readonly connections = new Set<Connection>();

  private constructor(private readonly target: { readonly host: string; readonly port: number }) {}

  /** A proxy on a free port of 127.0.0.1 forwarding to `target` (`host:port` or a URL), passing. */
  static async start(target: string): Promise<FaultProxy> {
    const { hostname, port } = new URL(target.includes('://') ? target : `tcp://${target}`);
    const proxy = new FaultProxy({ host: hostname, port: Number(port) });
    await proxy.listen();
    return proxy;
  }

  get port(): number {
    return this.boundPort;
  }

  /** `127.0.0.1:<port>`, for clients configured with host:port. */
  get address(): string {
    return `127.0.0.1:${this.boundPort}`;
  }

  /** `url` with its host and port replaced by the proxy's (path and query kept). */
  url(url: string): string {
    const proxied = new URL(url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(this.boundPort);
    const text = proxied.toString();
    return text.endsWith('/') && !url.endsWith('/') ? text.slice(0, -1) : text;
  }

  get current(): FaultMode {
    return this.mode;
  }

  async set(mode: FaultMode): Promise<void> {
    if (mode === this.mode) return;
    const previous = this.mode;
    this.mode = mode;
    if (mode === 'refuse') {
      for (const connection of this.connections) this.reset(connection);
      await this.closeListener();
      return;
    }
    if (previous === 'refuse') await this.listen();
    for (const connection of this.connections) {
      if (mode === 'blackhole') this.silence(connection);
      // Back to pass: connections that lost bytes are unusable; their clients reconnect.
      else if (connection.broken) this.reset(connection);
    }
  }

  async close(): Promise<void> {
    for (const connection of this.connections) this.reset(connection);
    await this.closeListener();
  }

  /** Listens on the proxy's port (a free one the first time). */
  private listen(): Promise<void> {
    const server = createServer((client) => this.accept(client));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.boundPort, '127.0.0.1', () => {
        server.off('error', reject);
        const address = server.address();
        if (typeof address === 'object' && address !== null) this.boundPort = address.port;
        resolve();
      });
    });
  }

  private closeListener(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    return new Promise((resolve) =>
      server?.listening ? server.close(() => resolve()) : resolve(),
    );
  }

  private accept(client: Socket): void {
    const connection: Connection = { client, upstream: undefined, broken: false };
    this.connections.add(connection);
    client.on('error', ignore);
    client.on('close', () => {
      this.connections.delete(connection);
      connection.upstream?.destroy();
    });
    if (this.mode !== 'pass') return this.silence(connection);
    const upstream = connect(this.target.port, this.target.host);
    connection.upstream = upstream;
    upstream.on('error', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  }

  /** Stops forwarding but keeps reading (and discarding): the client sees a live, mute peer. */
  private silence(connection: Connection): void {
    connection.broken = true;
    const { client, upstream } = connection;
    client.unpipe();
    if (upstream !== undefined) {
      // Detached first: the server closing its side must not reach the client either.
      upstream.unpipe();
      upstream.removeAllListeners();
      upstream.on('error', ignore);
      upstream.destroy();
      connection.upstream = undefined;
    }
    client.on('data', ignore);
    client.resume();
  }

  private reset(connection: Connection): void {
    this.connections.delete(connection);
    connection.upstream?.destroy();
    connection.client.resetAndDestroy();
  }
}
