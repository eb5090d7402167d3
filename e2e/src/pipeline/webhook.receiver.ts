import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';

export interface ReceivedCall {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** A real HTTP endpoint that records every webhook call; answers `status` (202 by default). */
export class WebhookReceiver {
  readonly calls: ReceivedCall[] = [];
  status = 202;
  private server: Server | undefined;

  constructor(readonly port: number) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/alerts`;
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.calls.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(this.status).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}

/**
 * True when the call carries `t=<ms>,v1=k1:<hex HMAC-SHA256(secret, "<t>.<body>")>` (the default
 * key id) with `t` equal to its `x-rtml-timestamp`.
 */
export function isSignedWith(call: ReceivedCall, secret: string): boolean {
  const t = call.headers['x-rtml-timestamp'];
  const hmac = createHmac('sha256', secret)
    .update(`${String(t)}.${call.body}`)
    .digest('hex');
  return call.headers['x-rtml-signature'] === `t=${String(t)},v1=k1:${hmac}`;
}
