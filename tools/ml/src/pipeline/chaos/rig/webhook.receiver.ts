import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { freePort } from '@rtml/local-stack';

/** `answer`: 202 to every call; `hang`: accept the connection, read the call, never answer. */
export type ReceiverMode = 'answer' | 'hang';

/** Header the actions service names the alert with on every attempt (its dedupe key). */
const ALERT_ID_HEADER = 'x-rtml-alert-id';

/**
 * The alert webhook of a run: counts every call it receives per alert id (each call is one
 * delivery attempt, answered or not) and either answers 202 or never answers at all.
 */
export class WebhookReceiver {
  private readonly attempts = new Map<string, number>();
  private readonly sockets = new Set<Socket>();
  private readonly hanging = new Set<ServerResponse>();
  private current: ReceiverMode = 'answer';

  private readonly server: Server;

  private constructor(readonly port: number) {
    this.server = createServer((request, response) => {
      const id = request.headers[ALERT_ID_HEADER];
      request.resume();
      request.on('end', () => this.received(typeof id === 'string' ? id : '(none)', response));
    });
    // Never time a hanging call out on this side: only the sender's own timeout may end it.
    this.server.requestTimeout = 0;
    this.server.headersTimeout = 0;
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver(await freePort());
    await new Promise<void>((resolve) =>
      receiver.server.listen(receiver.port, '127.0.0.1', resolve),
    );
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/alerts`;
  }

  get mode(): ReceiverMode {
    return this.current;
  }

  /** Switching back to `answer` leaves calls already hanging as they are: the sender gave up on them. */
  setMode(mode: ReceiverMode): void {
    this.current = mode;
  }

  /** Calls received per alert id since the last `reset`. */
  attemptsByAlert(): ReadonlyMap<string, number> {
    return new Map(this.attempts);
  }

  get calls(): number {
    let total = 0;
    for (const count of this.attempts.values()) total += count;
    return total;
  }

  /** Forgets the counts and answers again (a new fault starts). */
  reset(): void {
    this.attempts.clear();
    this.current = 'answer';
    for (const response of this.hanging) response.destroy();
    this.hanging.clear();
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private received(alertId: string, response: ServerResponse): void {
    this.attempts.set(alertId, (this.attempts.get(alertId) ?? 0) + 1);
    if (this.current === 'answer') response.writeHead(202).end();
    else this.hanging.add(response);
  }
}
