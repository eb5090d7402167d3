import type { BenchRun, BenchSetup, CeilingsRun, PacedResult, SetupRun } from './bench-run.types';
import type { CpuPerEvent } from './cpu-per-event';
import { LATENCY_PATHS } from './hop-latency.recorder';
import type { LatencyPath } from './hop-latency.recorder';
import type { LatencyPercentiles } from './latency.histogram';

/** Percentiles 1, 2, 3, 4 and 5 times `p50`. */
export const percentilesAround = (p50: number, count = 1_000): LatencyPercentiles => ({
  count,
  p50,
  p90: 2 * p50,
  p99: 3 * p50,
  p99_9: 4 * p50,
  max: 5 * p50,
  below_zero: 0,
});

export const cpuFixture = (pipelineUs: number): CpuPerEvent => ({
  us_per_event: { 'service:ingest': pipelineUs / 2, 'stack:kafka': pipelineUs / 2 },
  groups_us_per_event: { pipeline: pipelineUs, emulators: 900, driver: 150 },
  outside_us_per_event: 20,
  machine_busy_pct: 93,
});

/** A paced phase at `rate` whose every path has its p50 at `p50` ms. */
export function pacedFixture(rate: number, p50: number): PacedResult {
  const paths = Object.fromEntries(
    Object.keys(LATENCY_PATHS).map((path) => [path, percentilesAround(p50)]),
  ) as Record<LatencyPath, LatencyPercentiles>;
  return {
    rate,
    events: rate * 30,
    predictions: rate * 30,
    stored: rate * 30,
    e2e_ms: { p50, p99: 3 * p50 },
    latency_ms: paths,
    stored_probe: {
      sample_every: 10,
      timed: rate * 3,
      untimed: 0,
      failed_reads: 0,
      found_on_first_read: rate / 10,
      window_ms: percentilesAround(10),
    },
    cpu: cpuFixture(1_600),
  };
}

const part = (client: number, servers: number) => ({ client, servers, total: client + servers });

export const ceilingsFixture = (dynamodb: number): CeilingsRun => ({
  kafka: 50_000,
  redis_script: 10_000,
  redis_records_per_core_s: 40_000,
  onnx: 200_000,
  dynamodb_batch_write: dynamodb,
  cpu_us_per_unit: {
    kafka: part(30, 10),
    redis_script: part(40, 25),
    onnx: part(5, 0),
    dynamodb_batch_write: part(100, 400),
  },
  sum_of_parts_us_per_event: 4 * 40 + 65 + 5 + 500,
});

/** One setup's phases: flat out at `predictionsPerSecond`, paced at 500 and 1,000 events/s. */
export function setupRunFixture(
  predictionsPerSecond: number,
  p50: number,
  cpuUs = 1_100,
): SetupRun {
  return {
    pipeline: {
      events: 50_000,
      predictions: 50_000,
      stored: 50_000,
      predictions_per_s: predictionsPerSecond,
      stored_per_s: predictionsPerSecond / 2,
      cpu: cpuFixture(cpuUs),
    },
    ratios: {
      predictions_vs_kafka: 0.05,
      predictions_vs_redis_script: 0.25,
      predictions_vs_onnx: 0.01,
      stored_vs_dynamodb: predictionsPerSecond / 2 / 4_000,
      cpu_vs_sum_of_parts: Math.round(((cpuUs + 900) / 730) * 1_000) / 1_000, // as ratiosOf
    },
    paced: [pacedFixture(500, p50 / 2), pacedFixture(1_000, p50)],
  };
}

export const EXACTLY_ONCE_KAFKAJS: BenchSetup = {
  guarantee: 'exactly_once_v2',
  clients: 'kafkajs',
};

/** One round of `exactly_once_v2/kafkajs` alone (see `setupRunFixture`). */
export function benchRunFixture(predictionsPerSecond: number, p50: number): BenchRun {
  return {
    ceilings_eps: ceilingsFixture(4_000),
    setups: { 'exactly_once_v2/kafkajs': setupRunFixture(predictionsPerSecond, p50) },
  };
}
