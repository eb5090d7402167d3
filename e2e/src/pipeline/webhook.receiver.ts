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

/** True when the call carries `sha256=<hex HMAC-SHA256 of the exact body>` under the secret. */
export function isSignedWith(call: ReceivedCall, secret: string): boolean {
  const expected = `sha256=${createHmac('sha256', secret).update(call.body).digest('hex')}`;
  return call.headers['x-rtml-signature'] === expected;
}
