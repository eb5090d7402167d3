import type { Kafka } from 'kafkajs';
import { simulatedRows } from '../feed/simulated.rows';
import type { RawEventSink } from '../feed/raw-event.sender';
import { runThroughPipeline } from '../outcome/pipeline.run';
import { sampleCpu } from '../scale/cpu.ledger';
import type { FlatOutResult } from './bench-run.types';
import { cpuPerEvent } from './cpu-per-event';

export interface FlatOutPhase {
  readonly kafka: Kafka;
  readonly sink: RawEventSink;
  readonly events: number;
  /** The services' pids by `service:<name>`, for the CPU ledger. */
  readonly services: Readonly<Record<string, number | undefined>>;
  readonly log: (line: string) => void;
}

/**
 * `events` transactions produced to events.raw as fast as Kafka takes them: predictions/s from
 * the first prediction to the last, stored/s from the first send until every item is confirmed
 * in DynamoDB, and the CPU per stored event of every process.
 */
export async function measureFlatOut(phase: FlatOutPhase): Promise<FlatOutResult> {
  // Simulated (or read from the cache) before the CPU is sampled: the simulator is no phase's.
  const rows = simulatedRows(phase.events, 11);
  const cpuBefore = sampleCpu(phase.services);
  const flat = await runThroughPipeline({
    kafka: phase.kafka,
    rows,
    sink: phase.sink,
    rate: 0,
    idPrefix: `bench-${Date.now().toString(36)}-`,
    labelDelayDays: 7,
    stallTimeoutMs: 120_000,
    log: phase.log,
  });
  const cpu = cpuPerEvent(cpuBefore, sampleCpu(phase.services), flat.report.stored);
  const predictionsPerSecond =
    flat.report.predictions / ((flat.lastPredictionAt - flat.firstPredictionAt) / 1000);
  const storedPerSecond = flat.report.stored / ((flat.allStoredAt - flat.startedAt) / 1000);
  return {
    events: flat.report.sent,
    predictions: flat.report.predictions,
    stored: flat.report.stored,
    predictions_per_s: Math.round(predictionsPerSecond),
    stored_per_s: Math.round(storedPerSecond),
    cpu,
  };
}
