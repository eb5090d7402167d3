import { PIPELINE_SERVICES } from '../../launch/service.process';
import type { PipelineServiceName } from '../../launch/service.process';
import { ReplicaFleet } from '../../scale/replica.fleet';

/** How a service is brought down before its new process starts. */
export type StopSignal = 'SIGTERM' | 'SIGKILL';

/**
 * The four built services of one fault, one process each, on free ports, in the fault's slice.
 * A restart replaces a service's process: SIGTERM (graceful: the service finishes, commits and
 * leaves its group) or SIGKILL (a crash: the group finds out by session timeout), then a new
 * process that is ready before the call returns.
 */
export class PipelineFleet {
  private readonly fleets: Record<PipelineServiceName, ReplicaFleet>;

  constructor(
    env: Readonly<Record<string, string>>,
    logPrefix: string,
    servicesRoot: string | undefined,
  ) {
    this.fleets = Object.fromEntries(
      PIPELINE_SERVICES.map(({ name }) => [
        name,
        new ReplicaFleet(name, env, logPrefix, servicesRoot),
      ]),
    ) as Record<PipelineServiceName, ReplicaFleet>;
  }

  /** Starts the four (in parallel) and resolves once every one is ready. */
  async start(): Promise<void> {
    await Promise.all(Object.values(this.fleets).map((fleet) => fleet.add()));
  }

  /** The live process's base URL, undefined while the service has none (mid-restart). */
  url(service: PipelineServiceName): string | undefined {
    return this.fleets[service].live[0]?.process.url;
  }

  /** Where the live process writes its log. */
  logFile(service: PipelineServiceName): string | undefined {
    return this.fleets[service].live[0]?.process.logFile;
  }

  /**
   * Waits (up to 10 s) until `inFlight` says the service holds records it has not committed, so
   * the signal lands on batches in flight, then stops it with `signal` and starts a new process.
   * Resolves once the new one is ready, with whether the old one was caught busy.
   */
  async restart(
    service: PipelineServiceName,
    signal: StopSignal,
    inFlight: () => Promise<boolean>,
  ): Promise<{ busy: boolean }> {
    const fleet = this.fleets[service];
    const replica = fleet.live[0];
    if (replica === undefined) throw new Error(`${service} has no live process to stop`);
    const busy = await pollFor(inFlight, 10_000);
    if (signal === 'SIGTERM') await fleet.terminate(replica);
    else await fleet.kill(replica);
    await fleet.add();
    return { busy };
  }

  async stop(): Promise<void> {
    await Promise.all(Object.values(this.fleets).map((fleet) => fleet.stopAll()));
  }
}

async function pollFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition().catch(() => false)) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return false;
}
