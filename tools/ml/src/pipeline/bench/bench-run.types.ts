import type { ProcessingGuarantee } from '@rtml/kafka';
import type { LatencySummary } from '../outcome/latency.summary';
import type { CeilingCpu, CeilingName } from './ceiling-cpu';
import type { CpuPerEvent } from './cpu-per-event';
import type { LatencyPath } from './hop-latency.recorder';
import type { LatencyPercentiles } from './latency.histogram';
import type { SpreadTree } from './run-spread';

/** The ceilings of one run, events/s (the last: records per second of Redis CPU). */
export interface CeilingsRun {
  readonly kafka: number;
  readonly redis_script: number;
  /**
   * The window store alone: records (transactions and labels) one Redis core takes per second,
   * from the Redis server's CPU time while the Redis ceiling ran.
   */
  readonly redis_records_per_core_s: number;
  readonly onnx: number;
  readonly dynamodb_batch_write: number;
  /** Each ceiling's CPU-µs per unit: its client's, the stack servers', and both. */
  readonly cpu_us_per_unit: Readonly<Record<CeilingName, CeilingCpu>>;
  /** One transaction's worth of the ceilings' work (`sumOfParts`), CPU-µs. */
  readonly sum_of_parts_us_per_event: number;
}

export interface FlatOutResult {
  readonly events: number;
  readonly predictions: number;
  readonly stored: number;
  readonly predictions_per_s: number;
  readonly stored_per_s: number;
  readonly cpu: CpuPerEvent;
}

/** The flat-out figures against the ceilings measured in the same run. */
export interface Ratios {
  readonly predictions_vs_kafka: number;
  readonly predictions_vs_redis_script: number;
  readonly predictions_vs_onnx: number;
  readonly stored_vs_dynamodb: number;
  /** The pipeline's and emulators' CPU per event flat out, over the sum of the parts. */
  readonly cpu_vs_sum_of_parts: number;
}

/**
 * The Kafka clients of the four services in a setup: every client on KafkaJS; the producers
 * alone on @platformatic/kafka (`KAFKA_PUBLISHER_CLIENT=platformatic`); every client on it
 * (`KAFKA_CLIENT=platformatic`).
 */
export const CLIENT_MIXES = ['kafkajs', 'platformatic-publisher', 'platformatic'] as const;
export type ClientMix = (typeof CLIENT_MIXES)[number];

/** The services' environment for a mix. */
export const clientEnv = (mix: ClientMix): Record<string, string> => ({
  KAFKA_CLIENT: mix === 'platformatic' ? 'platformatic' : 'kafkajs',
  KAFKA_PUBLISHER_CLIENT: mix === 'kafkajs' ? 'kafkajs' : 'platformatic',
});

/** What the services of one set of phases run with: the guarantee and every producer's client. */
export interface BenchSetup {
  readonly guarantee: ProcessingGuarantee;
  /** The Kafka clients of the four services (the load driver always sends with KafkaJS). */
  readonly clients: ClientMix;
}

/** A setup's key in the runs and the report, e.g. `exactly_once_v2/kafkajs`. */
export const setupKey = ({ guarantee, clients }: BenchSetup): string => `${guarantee}/${clients}`;

export interface SetupRun {
  readonly pipeline: FlatOutResult;
  readonly ratios: Ratios;
  /** One per offered rate, in the order of `--rates`. */
  readonly paced: readonly PacedResult[];
}

export interface PacedResult {
  readonly rate: number;
  readonly events: number;
  readonly predictions: number;
  readonly stored: number;
  /** Accepted → prediction, exact nearest-rank over every prediction message (as demo reports it). */
  readonly e2e_ms: LatencySummary;
  /** Each path's HDR percentiles over the events that have both ends (see LATENCY_PATHS). */
  readonly latency_ms: Record<LatencyPath, LatencyPercentiles>;
  readonly stored_probe: {
    readonly sample_every: number;
    /** Sampled transactions whose stored item the probe timed. */
    readonly timed: number;
    /** Sampled transactions it had not found when the phase ended. */
    readonly untimed: number;
    readonly failed_reads: number;
    /** Timed items already stored at the probe's first read (it began looking late). */
    readonly found_on_first_read: number;
    /** How much later than the truth the probe can have seen an item (read window widths). */
    readonly window_ms: LatencyPercentiles;
  };
  readonly cpu: CpuPerEvent;
}

/** One round: the ceilings, then each setup's phases, by `setupKey`. */
export interface BenchRun {
  readonly ceilings_eps: CeilingsRun;
  readonly setups: Readonly<Record<string, SetupRun>>;
}

/** A setup's figures over the runs, as the targets read them. */
export interface SetupSummary {
  readonly pipeline: SpreadTree<FlatOutResult>;
  /** The ceilings of the same runs. */
  readonly ceilings: SpreadTree<CeilingsRun>;
  readonly ratios: SpreadTree<Ratios>;
  /** By offered rate (`"1000"`). */
  readonly latency_at_rates: Readonly<Record<string, SpreadTree<PacedResult>>>;
}
