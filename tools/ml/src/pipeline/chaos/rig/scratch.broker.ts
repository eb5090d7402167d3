import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import {
  freePort,
  isAlive,
  killProcess,
  launchDetached,
  prepareScratchKafka,
  stopProcess,
} from '@rtml/local-stack';

const START_TIMEOUT_MS = 120_000;

/**
 * The suite's own Kafka broker (KRaft, combined broker + controller) from the stack's jars, on
 * free ports, with its data under the run's folder: the one broker the suite may SIGKILL. A
 * restart keeps the ports and the data (the partitions, the committed offsets, the producer
 * state), as a crashed broker's restart does.
 */
export class ScratchBroker {
  private pid: number | undefined;

  private constructor(
    private readonly dir: string,
    private readonly ports: { readonly plain: number; readonly controller: number },
  ) {}

  static async start(dir: string): Promise<ScratchBroker> {
    const broker = new ScratchBroker(dir, {
      plain: await freePort(),
      controller: await freePort(),
    });
    await broker.launch();
    return broker;
  }

  /** `host:port` for KAFKA_BROKERS. */
  get address(): string {
    return `127.0.0.1:${this.ports.plain}`;
  }

  get logFile(): string {
    return join(this.dir, 'kafka.log');
  }

  /** A crash: SIGKILL, no controlled shutdown, nothing flushed beyond what the OS has. */
  async kill(): Promise<void> {
    if (this.pid !== undefined) await killProcess(this.pid);
    this.pid = undefined;
  }

  /** Starts it again on the same ports and data; resolves once it serves metadata. */
  async restart(): Promise<void> {
    await this.kill();
    await this.launch();
  }

  /** A controlled shutdown (the run is over). */
  async stop(): Promise<void> {
    if (this.pid !== undefined) await stopProcess(this.pid, 20_000);
    this.pid = undefined;
  }

  private async launch(): Promise<void> {
    const server = await prepareScratchKafka({ dir: this.dir, ports: this.ports, heap: '512m' });
    const pid = await launchDetached(server.plan, server.logFile, join(this.dir, 'kafka.pid'));
    this.pid = pid;
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (!isAlive(pid)) throw new Error(`the scratch broker exited at start; see ${this.logFile}`);
      if (await this.answers()) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`the scratch broker did not answer in ${START_TIMEOUT_MS / 1000} s`);
  }

  /** A metadata round trip that names this broker: it is serving, not just listening. */
  private async answers(): Promise<boolean> {
    const admin = new Kafka({
      clientId: 'chaos-broker-probe',
      brokers: [this.address],
      connectionTimeout: 1_000,
      requestTimeout: 2_000,
      retry: { retries: 0 },
      logLevel: logLevel.NOTHING,
    }).admin();
    try {
      await admin.connect();
      return (await admin.describeCluster()).brokers.length > 0;
    } catch {
      return false;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}
