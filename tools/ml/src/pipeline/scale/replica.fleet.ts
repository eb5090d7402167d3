import { launchService, stopService, waitReady } from '../launch/service.process';
import type { LaunchedService, PipelineServiceName } from '../launch/service.process';
import { readProcessCpuSeconds } from './cpu.usage';
import { freePort } from '@rtml/local-stack';
import { sumCounter } from './metrics-text.parser';
import type { ReplicaReadings } from './replica.counts';

const CONSUMED = 'rtml_records_consumed_total';

export interface Replica {
  /** `<service>-<n>`, numbered from 1 in launch order and never reused. */
  readonly name: string;
  readonly process: LaunchedService;
  /** The records-consumed counter at the last successful scrape. */
  consumed: number;
  /** CPU seconds used, read with each scrape (undefined off Linux). */
  cpuSeconds: number | undefined;
  alive: boolean;
}

/**
 * The replicas of one service: separate processes on free ports, all in the service's single
 * consumer group (the group id comes from the service and the shared TOPIC_PREFIX), so they
 * split its partitions. Keeps each replica's last scraped records-consumed counter, which
 * outlives the replica: a killed process takes its metrics with it.
 */
export class ReplicaFleet {
  private readonly replicas: Replica[] = [];
  /** Set by `stopAll`: an interrupted run must not launch replicas after its clean-up. */
  private stopped = false;

  constructor(
    readonly service: PipelineServiceName,
    private readonly env: Readonly<Record<string, string>>,
    private readonly logPrefix: string,
    /** Where the built services are (default this workspace; see launchService). */
    private readonly servicesRoot?: string,
  ) {}

  get live(): Replica[] {
    return this.replicas.filter((replica) => replica.alive);
  }

  /** Launches one more replica and resolves once it is ready (its consumer is running). */
  async add(): Promise<Replica> {
    const name = `${this.service}-${this.replicas.length + 1}`;
    const port = await freePort();
    if (this.stopped) throw new Error(`${this.service} replicas are stopped`);
    const process = launchService(
      this.service,
      port,
      this.env,
      `${this.logPrefix}-${name}`,
      this.servicesRoot,
    );
    const replica: Replica = { name, process, consumed: 0, cpuSeconds: 0, alive: true };
    this.replicas.push(replica);
    process.child.once('exit', () => (replica.alive = false));
    await waitReady(process);
    return replica;
  }

  /** Adds replicas until `count` run. */
  async scaleTo(count: number): Promise<void> {
    const missing = Math.max(0, count - this.live.length);
    for (let i = 0; i < missing; i += 1) await this.add();
  }

  /** Reads every live replica's /metrics; a replica that does not answer keeps its last value. */
  async scrape(): Promise<void> {
    await Promise.all(this.live.map((replica) => scrapeReplica(replica)));
  }

  readings(): ReplicaReadings {
    return new Map(
      this.replicas.map((replica) => [
        replica.name,
        { consumed: replica.consumed, cpuSeconds: replica.cpuSeconds, alive: replica.alive },
      ]),
    );
  }

  /**
   * Resolves true as soon as the replica's counter rises between two reads 20 ms apart: it has
   * just committed a batch, so with records flowing the next ones are in flight; false when it
   * stays idle for `timeoutMs`. Lets a kill land mid-stream rather than between bursts.
   */
  async waitBusy(replica: Replica, timeoutMs = 10_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    await scrapeReplica(replica);
    let last = replica.consumed;
    while (Date.now() < deadline && replica.alive) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await scrapeReplica(replica);
      if (replica.consumed > last) return true;
      last = replica.consumed;
    }
    return false;
  }

  /** Graceful stop (SIGTERM: finish the batch, commit, leave the group), after a last scrape. */
  async terminate(replica: Replica): Promise<void> {
    await scrapeReplica(replica);
    await stopService(replica.process);
  }

  /** SIGKILL, right after a last scrape: no commit, no leave; the group finds out by timeout. */
  async kill(replica: Replica): Promise<void> {
    await scrapeReplica(replica);
    const { child } = replica.process;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stopAll(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.live.map((replica) => stopService(replica.process)));
  }

  find(name: string): Replica {
    const replica = this.replicas.find((candidate) => candidate.name === name);
    if (replica === undefined) throw new Error(`no replica named ${name}`);
    return replica;
  }
}

async function scrapeReplica(replica: Replica): Promise<void> {
  if (!replica.alive) return;
  replica.cpuSeconds = readProcessCpuSeconds(replica.process.child.pid) ?? replica.cpuSeconds;
  try {
    const response = await fetch(`${replica.process.url}/metrics`, {
      signal: AbortSignal.timeout(2_000),
    });
    if (response.ok) replica.consumed = sumCounter(await response.text(), CONSUMED);
  } catch {
    // A replica on its way down: its last reading stands.
  }
}
