import { join } from 'node:path';
import { Redis } from 'ioredis';
import {
  freePort,
  isAlive,
  killProcess,
  launchDetached,
  prepareScratchRedis,
  stopProcess,
} from '@rtml/local-stack';

/**
 * The suite's own redis-server, on a free port, keeping nothing on disk: a restart is a real
 * restart that loses every key, as a Redis without persistence (or failing over to an empty
 * replica) does to the features service.
 */
export class ScratchRedis {
  private pid: number | undefined;

  private constructor(
    private readonly dir: string,
    private readonly port: number,
  ) {}

  static async start(dir: string): Promise<ScratchRedis> {
    const redis = new ScratchRedis(dir, await freePort());
    await redis.launch();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** SIGKILL and start again, empty, on the same port; resolves once it answers PING. */
  async restart(): Promise<void> {
    if (this.pid !== undefined) await killProcess(this.pid);
    this.pid = undefined;
    await this.launch();
  }

  /** Keys under `prefix` now (a state-loss check). */
  async countKeys(prefix: string): Promise<number> {
    const client = this.client();
    try {
      let count = 0;
      let cursor = '0';
      do {
        const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1_000);
        count += keys.length;
        cursor = next;
      } while (cursor !== '0');
      return count;
    } finally {
      client.disconnect();
    }
  }

  async stop(): Promise<void> {
    if (this.pid !== undefined) await stopProcess(this.pid, 5_000);
    this.pid = undefined;
  }

  private async launch(): Promise<void> {
    const server = prepareScratchRedis({ dir: join(this.dir), port: this.port });
    const pid = await launchDetached(server.plan, server.logFile, join(this.dir, 'redis.pid'));
    this.pid = pid;
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      if (!isAlive(pid))
        throw new Error(`the scratch Redis exited at start; see ${server.logFile}`);
      const client = this.client();
      const pong = await client.ping().catch(() => undefined);
      client.disconnect();
      if (pong === 'PONG') return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('the scratch Redis did not answer PING in 20 s');
  }

  private client(): Redis {
    const client = new Redis(this.url, {
      lazyConnect: false,
      connectTimeout: 1_000,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    client.on('error', () => undefined);
    return client;
  }
}
