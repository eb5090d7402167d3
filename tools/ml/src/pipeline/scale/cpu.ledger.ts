import { readFileSync } from 'node:fs';
import { SERVER_NAMES, pidFile, stackPaths } from '@rtml/local-stack';
import type { ServerName } from '@rtml/local-stack';
import { busyPercent, readMachineTicks, readProcessCpuSeconds } from './cpu.usage';
import type { MachineTicks } from './cpu.usage';

const TICKS_PER_SECOND = 100;

/** CPU seconds used so far by the processes around the pipeline, and the machine's ticks. */
export interface CpuSample {
  readonly machine: MachineTicks | undefined;
  /** `stack:<server>` for each local-stack server found running, and `driver` (this process). */
  readonly processes: ReadonlyMap<string, number>;
}

/**
 * Reads the local stack's servers (their pid files), this process and the `extra` processes
 * (e.g. `service:features` → its pid); absent or exited ones are skipped.
 */
export function sampleCpu(extra: Readonly<Record<string, number | undefined>> = {}): CpuSample {
  const processes = new Map<string, number>();
  for (const [name, pid] of Object.entries(extra)) {
    const seconds = readProcessCpuSeconds(pid);
    if (seconds !== undefined) processes.set(name, seconds);
  }
  for (const server of SERVER_NAMES) {
    const seconds = readProcessCpuSeconds(stackServerPid(server));
    if (seconds !== undefined) processes.set(`stack:${server}`, seconds);
  }
  const own = process.cpuUsage();
  processes.set('driver', (own.user + own.system) / 1e6);
  return { machine: readMachineTicks(), processes };
}

/** The pid of a local-stack server from its pid file; undefined when it is not running. */
export function stackServerPid(server: ServerName): number | undefined {
  return readPid(pidFile(stackPaths(), server));
}

export interface CpuBreakdown {
  /** CPU seconds per process during the interval, plus `other`: whatever else ran. */
  readonly cpu_s: Record<string, number>;
  readonly machine_busy_pct: number | null;
}

/**
 * Where the machine's CPU went between two samples: the pipeline's replicas (given), the stack's
 * servers and the driver, and `other` for the rest of the busy time (other work on the box, the
 * kernel). Shows whether adding replicas could help: not when the cores are already busy.
 */
export function cpuBreakdown(
  before: CpuSample,
  after: CpuSample,
  replicas: Readonly<Record<string, number>>,
): CpuBreakdown {
  const cpu: Record<string, number> = { ...replicas };
  for (const [name, seconds] of after.processes) {
    const start = before.processes.get(name);
    if (start !== undefined) cpu[name] = round(seconds - start);
  }
  if (before.machine === undefined || after.machine === undefined)
    return { cpu_s: cpu, machine_busy_pct: null };
  const busySeconds = (after.machine.busy - before.machine.busy) / TICKS_PER_SECOND;
  const known = Object.values(cpu).reduce((sum, seconds) => sum + seconds, 0);
  cpu['other'] = round(Math.max(0, busySeconds - known));
  return { cpu_s: cpu, machine_busy_pct: busyPercent(before.machine, after.machine) };
}

const round = (seconds: number) => Math.round(seconds * 10) / 10;

function readPid(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
