import type { ProcessingGuarantee } from '@rtml/kafka';
import { judgeTargets } from './bench-targets.catalog';
import type { TargetVerdict } from './bench-targets.catalog';
import { setupKey } from './bench-run.types';
import type {
  BenchRun,
  BenchSetup,
  CeilingsRun,
  ClientMix,
  FlatOutResult,
  PacedResult,
  Ratios,
  SetupRun,
  SetupSummary,
} from './bench-run.types';
import { medianTree, spreadOf, spreadTree } from './run-spread';
import type { Spread, SpreadTree } from './run-spread';

/** What earlier versions reported for their one rate, now the median over runs. */
type LegacyLatency = Pick<PacedResult, 'rate' | 'events' | 'predictions' | 'e2e_ms' | 'cpu'>;

export interface SetupReport {
  readonly guarantee: ProcessingGuarantee;
  readonly clients: ClientMix;
  /** Medians over runs (the fields of earlier versions, which reported one run). */
  readonly pipeline: FlatOutResult;
  readonly ratios: Ratios;
  /** The rate 1,000 events/s when measured, else the first of `--rates`. */
  readonly latency_at_rate: LegacyLatency;
  /** Median and range over runs of every figure, by offered rate. */
  readonly latency_at_rates: SetupSummary['latency_at_rates'];
  readonly spread: Pick<SetupSummary, 'pipeline' | 'ratios'>;
  readonly targets: readonly TargetVerdict[];
}

/**
 * One client mix against the first of `--clients` (the baseline) under one
 * guarantee: each figure's ratio, client ÷ baseline, taken within each round (the two ran back
 * to back), then its median and range over the rounds that ran both.
 */
export interface ClientComparison {
  readonly guarantee: ProcessingGuarantee;
  readonly client: ClientMix;
  readonly baseline: ClientMix;
  readonly rounds: number;
  /** Pipeline CPU-µs per event flat out: below 1, the client costs less. */
  readonly pipeline_cpu_us_per_event: Spread;
  readonly predictions_per_s: Spread;
  /** At `rate` (1,000 events/s when measured): p99 accepted → prediction. */
  readonly rate: number;
  readonly p99_ingested_to_scored: Spread;
}

export interface BenchReport {
  readonly bench: 'pipeline';
  readonly runs: number;
  /** Medians over runs. */
  readonly ceilings_eps: CeilingsRun;
  readonly ceilings_eps_spread: SpreadTree<CeilingsRun>;
  /** By `setupKey`, e.g. `exactly_once_v2/kafkajs`. */
  readonly setups: Readonly<Record<string, SetupReport>>;
  readonly clients_compared: readonly ClientComparison[];
  /** The first setup's verdicts by target id (null: not measured); `setup` names it. */
  readonly targets: Readonly<Record<string, string | boolean | null>>;
}

/** The flat-out figures against the ceilings measured in the same run, to 3 decimals. */
export function ratiosOf(pipeline: FlatOutResult, ceilings: CeilingsRun): Ratios {
  const ratio = (value: number, ceiling: number) => Math.round((value / ceiling) * 1_000) / 1_000;
  const { pipeline: own, emulators } = pipeline.cpu.groups_us_per_event;
  return {
    predictions_vs_kafka: ratio(pipeline.predictions_per_s, ceilings.kafka),
    predictions_vs_redis_script: ratio(pipeline.predictions_per_s, ceilings.redis_script),
    predictions_vs_onnx: ratio(pipeline.predictions_per_s, ceilings.onnx),
    stored_vs_dynamodb: ratio(pipeline.stored_per_s, ceilings.dynamodb_batch_write),
    cpu_vs_sum_of_parts: ratio(own + emulators, ceilings.sum_of_parts_us_per_event),
  };
}

/** The rate the single-rate fields report: 1,000 events/s (issue 11's) when measured. */
export const legacyRate = (rates: readonly number[]): number =>
  rates.includes(1_000) ? 1_000 : (rates[0] as number);

/** The bench's JSON line from its runs: medians where one number stood, spreads beside them. */
export function benchReport(
  runs: readonly BenchRun[],
  setups: readonly BenchSetup[],
  rates: readonly number[],
): BenchReport {
  const bySetup: Record<string, SetupReport> = {};
  for (const setup of setups) {
    const key = setupKey(setup);
    const ran = runs.flatMap((run) => run.setups[key] ?? []);
    const ceilings = spreadTree(runs.flatMap((run) => (run.setups[key] ? [run.ceilings_eps] : [])));
    if (ran.length > 0) bySetup[key] = setupReport(setup, ran, ceilings, rates);
  }
  const first = setups[0];
  const primary = first && bySetup[setupKey(first)];
  const verdicts = Object.fromEntries(
    (primary?.targets ?? []).map((verdict) => [verdict.id, verdict.met]),
  );
  return {
    bench: 'pipeline',
    runs: runs.length,
    ceilings_eps: medianTree(runs.map((run) => run.ceilings_eps)),
    ceilings_eps_spread: spreadTree(runs.map((run) => run.ceilings_eps)),
    setups: bySetup,
    clients_compared: clientComparisons(runs, setups, legacyRate(rates)),
    targets: { setup: first ? setupKey(first) : '', ...verdicts },
  };
}

/** Every client after the first under each guarantee, against the first, round by round. */
function clientComparisons(
  runs: readonly BenchRun[],
  setups: readonly BenchSetup[],
  rate: number,
): ClientComparison[] {
  const guarantees = [...new Set(setups.map((setup) => setup.guarantee))];
  return guarantees.flatMap((guarantee) => {
    const [baseline, ...others] = [
      ...new Set(setups.filter((s) => s.guarantee === guarantee).map((s) => s.clients)),
    ];
    if (baseline === undefined) return [];
    return others.map((client) => {
      const pairs = runs.flatMap((run) => {
        const base = run.setups[setupKey({ guarantee, clients: baseline })];
        const other = run.setups[setupKey({ guarantee, clients: client })];
        return base && other ? [{ base, other }] : [];
      });
      const ratio = (figure: (run: SetupRun) => number | undefined) =>
        spreadOf(
          pairs.flatMap(({ base, other }) => {
            const [a, b] = [figure(base), figure(other)];
            return a === undefined || b === undefined || !(a > 0) ? [] : [round3(b / a)];
          }),
        );
      const p99At = (run: SetupRun) =>
        run.paced.find((paced) => paced.rate === rate)?.latency_ms.ingested_to_scored.p99;
      return {
        guarantee,
        client,
        baseline,
        rounds: pairs.length,
        pipeline_cpu_us_per_event: ratio((run) => run.pipeline.cpu.groups_us_per_event.pipeline),
        predictions_per_s: ratio((run) => run.pipeline.predictions_per_s),
        rate,
        p99_ingested_to_scored: ratio(p99At),
      };
    });
  });
}

const round3 = (value: number) => Math.round(value * 1_000) / 1_000;

function setupReport(
  setup: BenchSetup,
  runs: readonly SetupRun[],
  ceilings: SpreadTree<CeilingsRun>,
  rates: readonly number[],
): SetupReport {
  const atRate = (rate: number) =>
    runs.flatMap((run) => run.paced.filter((paced) => paced.rate === rate));
  const summary: SetupSummary = {
    pipeline: spreadTree(runs.map((run) => run.pipeline)),
    ceilings,
    ratios: spreadTree(runs.map((run) => run.ratios)),
    latency_at_rates: Object.fromEntries(
      rates.map((rate) => [String(rate), spreadTree(atRate(rate))]),
    ),
  };
  const legacy = medianTree(atRate(legacyRate(rates)));
  return {
    guarantee: setup.guarantee,
    clients: setup.clients,
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
