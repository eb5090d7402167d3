import type { SetupSummary } from './bench-run.types';
import type { Spread } from './run-spread';

export interface TargetVerdict {
  /** Stable: the key of the bench's `targets` object. */
  readonly id: string;
  readonly measure: string;
  readonly target: string;
  readonly unit: string;
  /** Over the runs; null when the bench did not measure it (its rate was not among `--rates`). */
  readonly value: Spread | null;
  /** Judged on the median; null when not measured. */
  readonly met: boolean | null;
}

interface TargetDefinition {
  readonly id: string;
  readonly measure: string;
  readonly target: string;
  readonly unit: string;
  readonly value: (summary: SetupSummary) => Spread | undefined;
  readonly met: (median: number) => boolean;
}

const atThousand = (summary: SetupSummary) => summary.latency_at_rates['1000'];

/** Issue 11's targets for `npm run bench`, each with what it reads from the measured figures. */
export const ISSUE_11_TARGETS: readonly TargetDefinition[] = [
  {
    id: 'predictions_10k_per_s',
    measure: 'predictions sustained, flat out',
    target: '≥ 10,000 /s',
    unit: '/s',
    value: (summary) => summary.pipeline.predictions_per_s,
    met: (median) => median >= 10_000,
  },
  {
    id: 'stored_80pct_of_dynamodb',
    measure: 'stored items, vs the DynamoDB Local ceiling',
    target: '≥ 80 %',
    unit: '%',
    value: (summary) => percent(summary.ratios.stored_vs_dynamodb),
    met: (median) => median >= 80,
  },
  {
    id: 'p99_50ms_at_1000_per_s',
    measure: 'p99 accepted → prediction at 1,000 /s',
    target: '≤ 50 ms',
    unit: 'ms',
    value: (summary) => atThousand(summary)?.latency_ms.ingested_to_scored.p99,
    met: (median) => median <= 50,
  },
  {
    id: 'p99_producer_to_stored_150ms_at_1000_per_s',
    measure: 'p99 producer timestamp → stored item at 1,000 /s (as first read)',
    target: '≤ 150 ms',
    unit: 'ms',
    value: (summary) => atThousand(summary)?.latency_ms.producer_to_stored.p99,
    met: (median) => median <= 150,
  },
  {
    id: 'window_store_50k_records_per_redis_core_s',
    measure: 'window store alone, records per Redis core-second (the Redis ceiling)',
    target: '≥ 50,000 /s',
    unit: '/s',
    value: (summary) => summary.ceilings.redis_records_per_core_s,
    met: (median) => median >= 50_000,
  },
  {
    id: 'pipeline_cpu_250us_per_event',
    measure: 'pipeline CPU per event, flat out',
    target: '≤ 250 µs',
    unit: 'µs',
    value: (summary) => summary.pipeline.cpu.groups_us_per_event.pipeline,
    met: (median) => median <= 250,
  },
];

export function judgeTargets(
  summary: SetupSummary,
  targets: readonly TargetDefinition[] = ISSUE_11_TARGETS,
): TargetVerdict[] {
  return targets.map(({ id, measure, target, unit, value, met }) => {
    const spread = value(summary);
    const measured = spread !== undefined && Number.isFinite(spread.median);
    return {
      id,
      measure,
      target,
      unit,
      value: measured ? spread : null,
      met: measured ? met(spread.median) : null,
    };
  });
}

const toPercent = (ratio: number) => Math.round(ratio * 1_000) / 10;

const percent = (ratio: Spread): Spread => ({
  median: toPercent(ratio.median),
  min: toPercent(ratio.min),
  max: toPercent(ratio.max),
});
