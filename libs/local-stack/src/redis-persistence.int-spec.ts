/**
 * The stack's Redis configuration on a real redis-server, restarted for real. Each test runs its
 * own redis-server from the stack's renderer on a free port and a temporary folder, so the
 * shared stack's Redis (6380) is never restarted by a test.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { pollUntil } from './deadline.helpers';
import { freePort } from './free-port';
import { isAlive, launchDetached, stopProcess } from './process.control';
import { REDIS_AOF_DIR, STACK_REDIS_PERSISTENCE, renderRedisConf } from './server-config.render';
import { deleteRedisState } from './server.prepare';
import { requireTool } from './tools.preflight';

interface ScratchRedis {
  readonly dir: string;
  start(): Promise<void>;
  /** SIGTERM, as `down` sends: Redis flushes its AOF and exits. */
  stop(): Promise<void>;
  /** SIGKILL: a crash, no shutdown code runs. */
  crash(): Promise<void>;
  client(): Redis;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** One PING on a fresh connection: true once the server has loaded its data and serves. */
async function answers(port: number): Promise<boolean> {
  const probe = new Redis({ port, lazyConnect: true, retryStrategy: () => null });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

async function scratchRedis(): Promise<ScratchRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'rtml-redis-aof-'));
  const port = await freePort();
  const conf = join(dir, 'redis.conf');
  writeFileSync(
    conf,
    renderRedisConf({ dataDir: dir, port, persistence: STACK_REDIS_PERSISTENCE }),
  );
  const clients: Redis[] = [];
  let pid: number | undefined;
  const gone = (id: number) => pollUntil(async () => !isAlive(id), { timeoutMs: 10_000 });
  const server: ScratchRedis = {
    dir,
    async start() {
      const plan = { command: requireTool('redis-server'), args: [conf], cwd: dir };
      pid = await launchDetached(plan, join(dir, 'redis.log'), join(dir, 'redis.pid'));
      const up = await pollUntil(() => answers(port), { timeoutMs: 10_000, intervalMs: 50 });
      if (!up)
        throw new Error(`scratch redis did not start: ${readFileSync(join(dir, 'redis.log'))}`);
    },
    async stop() {
      for (const client of clients.splice(0)) client.disconnect();
      if (pid !== undefined) await stopProcess(pid, 10_000);
      pid = undefined;
    },
    async crash() {
      for (const client of clients.splice(0)) client.disconnect();
      if (pid === undefined) return;
      process.kill(pid, 'SIGKILL');
      await gone(pid);
      pid = undefined;
    },
    client() {
      const client = new Redis({ port, maxRetriesPerRequest: 1 });
      clients.push(client);
      return client;
    },
  };
  cleanups.push(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return server;
}

/** Everything Redis wrote into its AOF folder so far, as text (the increments are RESP). */
const aofText = (dir: string): string =>
  readdirSync(join(dir, REDIS_AOF_DIR))
    .map((file) => readFileSync(join(dir, REDIS_AOF_DIR, file), 'latin1'))
    .join('');

describe("the stack's Redis persistence", () => {
  it('keeps windows, markers and labels across a restart (SIGTERM, then start again)', async () => {
    const redis = await scratchRedis();
    await redis.start();
    const before = redis.client();
    await before.zadd('rtml:features:handbook-15:v1:customerId:c1', 1_000, '1000:1:10:0:e1');
    await before.set('rtml:features:handbook-15:v1:@seen:e1', 'transactions/0/1');

    await redis.stop();
    await redis.start();

    const after = redis.client();
    expect(await after.zrange('rtml:features:handbook-15:v1:customerId:c1', '0', '-1')).toEqual([
      '1000:1:10:0:e1',
    ]);
    expect(await after.get('rtml:features:handbook-15:v1:@seen:e1')).toBe('transactions/0/1');
  });

  it('keeps a write across a crash (SIGKILL) once it is in the append-only file', async () => {
    const redis = await scratchRedis();
    await redis.start();
    await redis.client().set('crash-key', 'kept');
    const written = await pollUntil(async () => aofText(redis.dir).includes('crash-key'), {
      timeoutMs: 5_000,
      intervalMs: 50,
    });
    expect(written).toBe(true);

    await redis.crash();
    await redis.start();

    expect(await redis.client().get('crash-key')).toBe('kept');
  });

  it('starts empty once its state is deleted, as up does when DynamoDB Local starts', async () => {
    const redis = await scratchRedis();
    await redis.start();
    await redis.client().set('forgotten', 'with the tables');
    await redis.stop();

    deleteRedisState(redis.dir);
    await redis.start();

    expect(await redis.client().dbsize()).toBe(0);
  });
});
