import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { eventually } from './eventually';
import { freePort } from '@rtml/local-stack';
import { testEndpoints } from './test-endpoints';

export interface ServiceProcessOptions {
  /** services/<name>/dist/main.js is started (build first). */
  readonly service: 'ingest' | 'features' | 'scoring' | 'actions';
  /** Extra or overriding environment variables. */
  readonly env?: Readonly<Record<string, string>>;
}

const WORKSPACE_ROOT = join(__dirname, '..', '..', '..');

/**
 * A built service running as its own process, pointed at the test run's servers, with its
 * JSON log lines captured. The end-to-end tier drives the real entry point through this.
 */
export class ServiceProcess {
  readonly stdoutLines: string[] = [];
  readonly stderrLines: string[] = [];
  private exit: Promise<number | null> | undefined;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(options: ServiceProcessOptions): Promise<ServiceProcess> {
    const port = await freePort();
    const endpoints = testEndpoints();
    const child = spawn(
      process.execPath,
      [join(WORKSPACE_ROOT, 'services', options.service, 'dist', 'main.js')],
      {
        cwd: WORKSPACE_ROOT,
        env: {
          PATH: process.env['PATH'],
          HTTP_PORT: String(port),
          HTTP_HOST: '127.0.0.1',
          KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
          SCHEMA_REGISTRY_URL: endpoints.schemaRegistryUrl,
          REDIS_URL: endpoints.redisUrl,
          DYNAMODB_ENDPOINT: endpoints.dynamodbEndpoint,
          S3_ENDPOINT: endpoints.s3Endpoint,
          ...options.env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const service = new ServiceProcess(child, `http://127.0.0.1:${port}`);
    service.capture();
    return service;
  }

  /** Resolves with the exit code once the process has exited. */
  exited(): Promise<number | null> {
    this.exit ??= new Promise((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null)
        resolve(this.child.exitCode);
      else this.child.once('exit', (code) => resolve(code));
    });
    return this.exit;
  }

  async waitUntilReady(timeoutMs = 30_000): Promise<void> {
    await eventually(
      async () => {
        const response = await fetch(`${this.url}/health/ready`, {
          signal: AbortSignal.timeout(2_000),
        });
        if (response.status !== 200)
          throw new Error(`ready answered ${response.status}: ${await response.text()}`);
      },
      { timeoutMs, intervalMs: 200, description: `${this.url} to be ready` },
    );
  }

  /** Parsed JSON log lines (stdout). */
  logs(): Array<Record<string, unknown>> {
    return this.stdoutLines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  /**
   * What a failed test should print about this process: whether it still runs (or its exit code
   * and signal), its last `limit` warnings and errors, and the tail of its stderr.
   */
  diagnosis(name: string, limit = 12): string {
    const { exitCode, signalCode } = this.child;
    const state =
      exitCode === null && signalCode === null
        ? 'running'
        : `exited (code ${String(exitCode)}, signal ${String(signalCode)})`;
    const warnings = this.stdoutLines.filter((line) => {
      try {
        return Number((JSON.parse(line) as { level?: unknown }).level) >= 40;
      } catch {
        return true; // not a log line: worth seeing
      }
    });
    const lines = [
      `${name}: ${state}, ${warnings.length} warning or error line(s)`,
      ...warnings.slice(-limit).map((line) => `  ${line.slice(0, 600)}`),
      ...this.stderrLines.slice(-limit).map((line) => `  stderr: ${line.slice(0, 600)}`),
    ];
    return lines.join('\n');
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Stops the process if it still runs (SIGKILL after a grace period). */
  async dispose(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited();
    clearTimeout(timer);
  }

  private capture(): void {
    const split = (target: string[]) => {
      let pending = '';
      return (chunk: Buffer) => {
        pending += chunk.toString('utf8');
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        target.push(...lines.filter((line) => line.length > 0));
      };
    };
    this.child.stdout?.on('data', split(this.stdoutLines));
    this.child.stderr?.on('data', split(this.stderrLines));
  }
}
