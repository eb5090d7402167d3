import { cpuBreakdown } from '../scale/cpu.ledger';
import type { CpuSample } from '../scale/cpu.ledger';

/** Where a process's CPU is counted: issue 11's pipeline figure leaves the emulators apart. */
export type CpuGroup = 'pipeline' | 'emulators' | 'driver';

/** The four services, Kafka, Redis and the registry are the pipeline; DynamoDB Local and S3Proxy emulate AWS. */
export function cpuGroupOf(process: string): CpuGroup | undefined {
  if (process.startsWith('service:')) return 'pipeline';
  if (process === 'stack:kafka' || process === 'stack:redis' || process === 'stack:registry')
    return 'pipeline';
  if (process === 'stack:dynamodb' || process === 'stack:s3') return 'emulators';
  if (process === 'driver') return 'driver';
  return undefined;
}

export interface CpuPerEvent {
  /** CPU-µs per event of each process during the phase. */
  readonly us_per_event: Record<string, number>;
  /** The same, summed per group. */
  readonly groups_us_per_event: Record<CpuGroup, number>;
  /** CPU-µs per event the machine spent on processes outside the bench (other work, the kernel). */
  readonly outside_us_per_event: number | null;
  /** The machine's busy share over the phase, in percent (both cores). */
  readonly machine_busy_pct: number | null;
}

/**
 * CPU per event of one bench phase, from two `/proc` samples taken around it: per process, per
 * group, and what ran outside the bench, so a noisy run shows as one.
 */
export function cpuPerEvent(before: CpuSample, after: CpuSample, events: number): CpuPerEvent {
  const { cpu_s, machine_busy_pct } = cpuBreakdown(before, after, {});
  const perEvent = (seconds: number) => Math.round((seconds * 1e6) / Math.max(1, events));
  const usPerEvent: Record<string, number> = {};
  const groups: Record<CpuGroup, number> = { pipeline: 0, emulators: 0, driver: 0 };
  let outside: number | null = null;
  for (const [name, seconds] of Object.entries(cpu_s)) {
    if (name === 'other') {
      outside = perEvent(seconds);
      continue;
    }
    usPerEvent[name] = perEvent(seconds);
    const group = cpuGroupOf(name);
    if (group !== undefined) groups[group] += seconds;
  }
  return {
    us_per_event: usPerEvent,
    groups_us_per_event: {
      pipeline: perEvent(groups.pipeline),
      emulators: perEvent(groups.emulators),
      driver: perEvent(groups.driver),
    },
    outside_us_per_event: outside,
    machine_busy_pct,
  };
}
