export type ReadinessProbe = () => Promise<void>;

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, { ok: boolean; error?: string }>>;
}

/**
 * What "ready" means for a service: every registered dependency answers a real request within
 * the timeout, and the service is not shutting down. Modules register their probes at start.
 */
export class ReadinessRegistry {
  private readonly probes = new Map<string, ReadinessProbe>();
  private shuttingDown = false;

  constructor(private readonly timeoutMs = 2_000) {}

  add(name: string, probe: ReadinessProbe): void {
    this.probes.set(name, probe);
  }

  /** From now on the service reports not-ready, so load balancers stop sending it work. */
  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  async check(): Promise<ReadinessReport> {
    const entries = await Promise.all(
      [...this.probes].map(async ([name, probe]) => [name, await this.run(probe)] as const),
    );
    const checks = Object.fromEntries(entries);
    if (this.shuttingDown) checks['shutdown'] = { ok: false, error: 'shutting down' };
    return { ready: Object.values(checks).every((check) => check.ok), checks };
  }

  private async run(probe: ReadinessProbe): Promise<{ ok: boolean; error?: string }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
    });
    try {
      await Promise.race([probe(), timeout]);
      return { ok: true };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}
