import type { ProcessingGuarantee } from '@rtml/kafka';
import { judgeTargets } from './bench-targets.catalog';
import type { TargetVerdict } from './bench-targets.catalog';
import type {
  BenchRun,
  CeilingsRun,
  FlatOutResult,
  GuaranteeRun,
  GuaranteeSummary,
  PacedResult,
  Ratios,
} from './bench-run.types';
import { medianTree, spreadTree } from './run-spread';
import type { SpreadTree } from './run-spread';

/** What earlier versions reported for their one rate, now the median over runs. */
type LegacyLatency = Pick<PacedResult, 'rate' | 'events' | 'predictions' | 'e2e_ms' | 'cpu'>;

export interface GuaranteeReport {
  /** Medians over runs (the fields of earlier versions, which reported one run). */
  readonly pipeline: FlatOutResult;
  readonly ratios: Ratios;
  /** The rate 1,000 events/s when measured, else the first of `--rates`. */
  readonly latency_at_rate: LegacyLatency;
  /** Median and range over runs of every figure, by offered rate. */
  readonly latency_at_rates: GuaranteeSummary['latency_at_rates'];
  readonly spread: Pick<GuaranteeSummary, 'pipeline' | 'ratios'>;
  readonly targets: readonly TargetVerdict[];
}

export interface BenchReport {
  readonly bench: 'pipeline';
  readonly runs: number;
  /** Medians over runs. */
  readonly ceilings_eps: CeilingsRun;
  readonly ceilings_eps_spread: SpreadTree<CeilingsRun>;
  readonly guarantees: Partial<Record<ProcessingGuarantee, GuaranteeReport>>;
  /** The first guarantee's verdicts by target id (null: not measured); `guarantee` names it. */
  readonly targets: Readonly<Record<string, string | boolean | null>>;
}

/** The flat-out figures against the ceilings measured in the same run, to 3 decimals. */
export function ratiosOf(pipeline: FlatOutResult, ceilings: CeilingsRun): Ratios {
  const ratio = (value: number, ceiling: number) => Math.round((value / ceiling) * 1_000) / 1_000;
  return {
    predictions_vs_kafka: ratio(pipeline.predictions_per_s, ceilings.kafka),
    predictions_vs_redis_script: ratio(pipeline.predictions_per_s, ceilings.redis_script),
    predictions_vs_onnx: ratio(pipeline.predictions_per_s, ceilings.onnx),
    stored_vs_dynamodb: ratio(pipeline.stored_per_s, ceilings.dynamodb_batch_write),
  };
}

/** The rate the single-rate fields report: 1,000 events/s (issue 11's) when measured. */
export const legacyRate = (rates: readonly number[]): number =>
  rates.includes(1_000) ? 1_000 : (rates[0] as number);

/** The bench's JSON line from its runs: medians where one number stood, spreads beside them. */
export function benchReport(
  runs: readonly BenchRun[],
  guarantees: readonly ProcessingGuarantee[],
  rates: readonly number[],
): BenchReport {
  const byGuarantee: Partial<Record<ProcessingGuarantee, GuaranteeReport>> = {};
  for (const guarantee of guarantees) {
    const ran = runs.flatMap((run) => run.guarantees[guarantee] ?? []);
    const ceilings = spreadTree(
      runs.flatMap((run) => (run.guarantees[guarantee] ? [run.ceilings_eps] : [])),
    );
    if (ran.length > 0) byGuarantee[guarantee] = guaranteeReport(ran, ceilings, rates);
  }
  const primary = byGuarantee[guarantees[0] as ProcessingGuarantee];
  const verdicts = Object.fromEntries(
    (primary?.targets ?? []).map((verdict) => [verdict.id, verdict.met]),
  );
  return {
    bench: 'pipeline',
    runs: runs.length,
    ceilings_eps: medianTree(runs.map((run) => run.ceilings_eps)),
    ceilings_eps_spread: spreadTree(runs.map((run) => run.ceilings_eps)),
    guarantees: byGuarantee,
    targets: { guarantee: guarantees[0] as string, ...verdicts },
  };
}

function guaranteeReport(
  runs: readonly GuaranteeRun[],
  ceilings: SpreadTree<CeilingsRun>,
  rates: readonly number[],
): GuaranteeReport {
  const atRate = (rate: number) =>
    runs.flatMap((run) => run.paced.filter((paced) => paced.rate === rate));
  const summary: GuaranteeSummary = {
    pipeline: spreadTree(runs.map((run) => run.pipeline)),
    ceilings,
    ratios: spreadTree(runs.map((run) => run.ratios)),
    latency_at_rates: Object.fromEntries(
      rates.map((rate) => [String(rate), spreadTree(atRate(rate))]),
    ),
  };
  const legacy = medianTree(atRate(legacyRate(rates)));
  return {
    pipeline: medianTree(runs.map((run) => run.pipeline)),
    ratios: medianTree(runs.map((run) => run.ratios)),
    latency_at_rate: {
      rate: legacy.rate,
      events: legacy.events,
      predictions: legacy.predictions,
      e2e_ms: legacy.e2e_ms,
      cpu: legacy.cpu,
    },
    latency_at_rates: summary.latency_at_rates,
    spread: { pipeline: summary.pipeline, ratios: summary.ratios },
    targets: judgeTargets(summary),
  };
}
