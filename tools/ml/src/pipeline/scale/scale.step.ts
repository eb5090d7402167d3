import type { Kafka } from 'kafkajs';
import type { ReferenceTransaction } from '../../csv/reference-transaction.model';
import type { RawEventSink } from '../feed/raw-event.sender';
import type { LatencySummary } from '../outcome/latency.summary';
import { runThroughPipeline } from '../outcome/pipeline.run';
import { cpuBreakdown, sampleCpu } from './cpu.ledger';
import type { PredictionCounter } from './prediction.counter';
import { consumedDuring } from './replica.counts';
import type { ReplicaFleet } from './replica.fleet';
import { slicesWithHooks } from './step-rows.slicer';
import type { StepHook } from './step-rows.slicer';

const DAY_MS = 86_400_000;
const SLICE_ROWS = 500;

export interface StepContext {
  readonly kafka: Kafka;
  readonly sink: RawEventSink;
  /** The environment runThroughPipeline reads the slice's names from. */
  readonly env: NodeJS.ProcessEnv;
  readonly fleets: { readonly features: ReplicaFleet; readonly scoring: ReplicaFleet };
  /** The services that stay at one replica (ingest, actions): read for their CPU only. */
  readonly fixed: readonly ReplicaFleet[];
  readonly counter: PredictionCounter;
  readonly stallTimeoutMs: number;
  readonly log: (line: string) => void;
}

export interface StepResult {
  /** Replicas running when the step started. */
  readonly features: number;
  readonly scoring: number;
  readonly events: number;
  readonly labels: number;
  readonly dlq: number;
  readonly predictions_per_s: number;
  readonly seconds: number;
  readonly e2e_ms: LatencySummary;
  /** Records each replica consumed during the step (features: transactions + labels). */
  readonly per_replica: Record<string, number>;
  /** CPU seconds each process used during the step: replicas, stack servers, driver, other. */
  readonly cpu_s: Record<string, number>;
  /** How busy the whole machine was (all cores; the stack and other work included). */
  readonly machine_busy_pct: number | null;
  readonly duplicate_prediction_messages: number;
}

/**
 * Streams one step's rows (and their labels) through the live pipeline as fast as Kafka takes
 * them, pausing after each day of event time until everything sent has its outcome (the
 * features README's exactness condition: partitions may not drift a feature delay apart), and
 * waits for every stored item. Hooks act on the fleet while the rows flow.
 */
export async function runStep(
  context: StepContext,
  rows: readonly ReferenceTransaction[],
  hooks: readonly StepHook[] = [],
): Promise<StepResult> {
  const { features, scoring } = context.fleets;
  const replicas = { features: features.live.length, scoring: scoring.live.length };
  const all = [features, scoring, ...context.fixed];
  await Promise.all(all.map((fleet) => fleet.scrape()));
  const before = new Map(all.flatMap((fleet) => [...fleet.readings()]));
  const cpuBefore = sampleCpu();
  const duplicatesBefore = context.counter.duplicates;
  const startedAt = performance.now();
  const outcome = await runThroughPipeline({
    kafka: context.kafka,
    rows: slicesWithHooks(rows, SLICE_ROWS, hooks),
    sink: context.sink,
    rate: 0,
    idPrefix: '',
    labelDelayDays: 7,
    checkpointMs: DAY_MS,
    stallTimeoutMs: context.stallTimeoutMs,
    log: context.log,
    env: context.env,
  });
  const seconds = (performance.now() - startedAt) / 1000;
  const cpuAfter = sampleCpu();
  await Promise.all(all.map((fleet) => fleet.scrape()));
  const after = new Map(all.flatMap((fleet) => [...fleet.readings()]));
  const scaled = (name: string) => name.startsWith('features-') || name.startsWith('scoring-');
  const consumed = consumedDuring(before, after);
  const { report } = outcome;
  return {
    ...replicas,
    events: report.sent,
    labels: rows.filter((row) => row.fraud === 1).length,
    dlq: report.dlq,
    predictions_per_s: report.events_per_s,
    seconds: Math.round(seconds * 10) / 10,
    e2e_ms: report.e2e_ms,
    per_replica: Object.fromEntries(Object.entries(consumed).filter(([name]) => scaled(name))),
    ...cpuBreakdown(cpuBefore, cpuAfter, consumedDuring(before, after, 'cpuSeconds')),
    duplicate_prediction_messages: context.counter.duplicates - duplicatesBefore,
  };
}
