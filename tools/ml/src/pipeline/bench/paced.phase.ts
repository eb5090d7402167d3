import type { Kafka } from 'kafkajs';
import { DEFAULT_ENDPOINTS } from '@rtml/config';
import { HEADERS, topicName } from '@rtml/contracts';
import type { Prediction } from '@rtml/contracts';
import { simulatedRows } from '../feed/simulated.rows';
import type { RawEventSink } from '../feed/raw-event.sender';
import { dynamodbFromEnv } from '../launch/dynamodb-from-env';
import { runThroughPipeline } from '../outcome/pipeline.run';
import { TopicWatcher } from '../outcome/topic.watcher';
import { sampleCpu } from '../scale/cpu.ledger';
import type { PacedResult } from './bench-run.types';
import { cpuPerEvent } from './cpu-per-event';
import { HopLatencyRecorder } from './hop-latency.recorder';
import { StoredTimeProbe } from './stored-time.probe';

export interface PacedPhase {
  readonly kafka: Kafka;
  readonly sink: RawEventSink;
  /** Offered events per second, for `seconds`. */
  readonly rate: number;
  readonly seconds: number;
  /** One transaction in this many has its stored item timed. */
  readonly storedSample: number;
  /** The services' pids by `service:<name>`, for the CPU ledger. */
  readonly services: Readonly<Record<string, number | undefined>>;
  readonly log: (line: string) => void;
}

/**
 * `rate` events/s for `seconds` through the running pipeline. Besides the run's own watchers,
 * the bench reads events.raw back (each record's producer timestamp, by its event-id header)
 * and times a sample of the stored items with a probe, so every hop of an event can be put on
 * one clock. Both are load the pipeline would not have (a consumer on events.raw; reads on the
 * scores table): the CPU ledger counts them as the driver's and DynamoDB Local's.
 */
export async function measurePacedRate(phase: PacedPhase): Promise<PacedResult> {
  const hops = new HopObservers(phase.kafka, phase.storedSample);
  try {
    await hops.start();
    // Simulated (or read from the cache) before the CPU is sampled: the simulator is no phase's.
    const rows = simulatedRows(phase.rate * phase.seconds, 12);
    const cpuBefore = sampleCpu(phase.services);
    const run = await runThroughPipeline({
      kafka: phase.kafka,
      rows,
      sink: phase.sink,
      rate: phase.rate,
      idPrefix: `bench-${Date.now().toString(36)}-`,
      labelDelayDays: 7,
      stallTimeoutMs: 120_000,
      log: phase.log,
      onPrediction: (prediction) => hops.predicted(prediction),
    });
    const cpu = cpuPerEvent(cpuBefore, sampleCpu(phase.services), run.report.stored);
    const { latency_ms, stored_probe } = await hops.finish();
    return {
      rate: phase.rate,
      events: run.report.sent,
      predictions: run.report.predictions,
      stored: run.report.stored,
      e2e_ms: run.report.e2e_ms,
      latency_ms,
      stored_probe,
      cpu,
    };
  } finally {
    await hops.stop();
  }
}

/** What the bench watches besides the run's own watchers: events.raw and the stored items. */
class HopObservers {
  private readonly recorder = new HopLatencyRecorder();
  private readonly dynamodb = dynamodbFromEnv(process.env);
  private readonly probe: StoredTimeProbe;
  private readonly producedRecords: TopicWatcher<undefined>;
  private firstPredictions = 0;

  constructor(
    kafka: Kafka,
    private readonly storedSample: number,
  ) {
    this.probe = new StoredTimeProbe(
      this.dynamodb,
      process.env['SCORES_TABLE'] ?? 'rtml-scores',
      (eventId, window) => this.recorder.stored(eventId, window),
    );
    this.producedRecords = new TopicWatcher<undefined>(
      kafka,
      topicName('rawEvents', process.env['TOPIC_PREFIX'] || undefined),
      process.env['SCHEMA_REGISTRY_URL'] ?? DEFAULT_ENDPOINTS.schemaRegistryUrl,
      `rtml-bench-${process.pid}-${Date.now()}-raw`,
      () => undefined,
    ).onRecord(({ headers, timestamp }) => {
      const eventId = headers[HEADERS.eventId];
      if (eventId !== undefined) this.recorder.produced(eventId, timestamp);
    });
  }

  async start(): Promise<void> {
    await this.producedRecords.start();
    this.probe.start();
  }

  /** Each event's first prediction; one in `storedSample` has its stored item timed from then. */
  predicted({ eventId, timings }: Prediction): void {
    if (!this.recorder.predicted(eventId, timings)) return;
    if (this.firstPredictions % this.storedSample === 0)
      this.probe.watch(eventId, timings.scoredAt);
    this.firstPredictions += 1;
  }

  /** Once every item is stored: the probe's next pass finds those it has not seen yet. */
  async finish(): Promise<Pick<PacedResult, 'latency_ms' | 'stored_probe'>> {
    await this.probe.settle(10_000);
    const { paths, stored_window_ms } = this.recorder.latencies();
    return {
      latency_ms: paths,
      stored_probe: {
        sample_every: this.storedSample,
        timed: stored_window_ms.count,
        untimed: this.probe.outstanding,
        failed_reads: this.probe.failedReads,
        found_on_first_read: this.probe.foundOnFirstRead,
        window_ms: stored_window_ms,
      },
    };
  }

  async stop(): Promise<void> {
    await this.probe.stop();
    await this.producedRecords.stop();
    this.dynamodb.destroy();
  }
}
