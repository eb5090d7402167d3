import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { DEFAULT_ENDPOINTS } from '@rtml/config';
import { STACK_PORTS } from '@rtml/local-stack';
import { Redis } from 'ioredis';

const ROOT = join(__dirname, '..', '..');
const PORTS = Object.values(STACK_PORTS);

/** Runs an `npm run infra:*` command the way a user does; returns its exit code and stdout. */
function infra(command: 'up' | 'status' | 'down'): { status: number | null; stdout: string } {
  const result = spawnSync('npm', ['run', '--silent', `infra:${command}`], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { status: result.status, stdout: result.stdout };
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const lastJsonLine = (stdout: string): unknown =>
  JSON.parse(stdout.trim().split('\n').at(-1) ?? 'null');

// The commands users run: down leaves no port of the stack listening and status says so with a
// non-zero exit; up brings all five back and status answers 0. Skipped on the container path.
const describeLocal = process.env['RTML_TEST_STACK'] === 'containers' ? describe.skip : describe;

describeLocal('the local stack commands', () => {
  afterAll(() => {
    infra('up'); // leave the stack as the other suites expect it
  });

  // Written before down, looked for after up: Redis persists (AOF), but its state must go with
  // DynamoDB Local's in-memory tables, or a replay would be dropped as duplicates.
  const forgottenKey = `local-stack-cycle:${process.pid}:${Date.now()}`;

  it('infra:down stops every server, and infra:status then reports them down with a non-zero exit', async () => {
    const redis = new Redis(DEFAULT_ENDPOINTS.redisUrl);
    await redis.set(forgottenKey, 'from before down', 'EX', 3_600);
    redis.disconnect();

    expect(infra('down').status).toBe(0);

    const open = (
      await Promise.all(PORTS.map(async (port) => ((await listening(port)) ? port : null)))
    ).filter((port) => port !== null);
    const status = infra('status');

    expect(open).toEqual([]);
    expect(status.status).not.toBe(0);
    expect(lastJsonLine(status.stdout)).toEqual({
      kafka: 'down',
      registry: 'down',
      'registry-proxy': 'down',
      dynamodb: 'down',
      s3: 'down',
      redis: 'down',
    });
  });

  it('infra:up brings all six back, and infra:status answers 0 with every server up', () => {
    expect(infra('up').status).toBe(0);

    const status = infra('status');

    expect(status.status).toBe(0);
    expect(lastJsonLine(status.stdout)).toEqual({
      kafka: 'up',
      registry: 'up',
      'registry-proxy': 'up',
      dynamodb: 'up',
      s3: 'up',
      redis: 'up',
    });
  });

  it('after down and up, Redis starts as empty as the DynamoDB tables', async () => {
    const redis = new Redis(DEFAULT_ENDPOINTS.redisUrl);
    try {
      expect(await redis.get(forgottenKey)).toBeNull();
    } finally {
      redis.disconnect();
    }
  });
});
