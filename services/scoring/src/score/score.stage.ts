import type { Prediction } from '@rtml/contracts';
import { AppError } from '@rtml/errors';
import type {
  IncomingRecord,
  Parsed,
  StageBatch,
  StageDefinition,
  StageOutputs,
  StageTopic,
} from '@rtml/kafka';
import { timeStep } from '@rtml/observability';
import type { PipelineMetrics } from '@rtml/observability';
import type { ModelLease, ServingModels } from '../model/serving-models.holder';
import type { DriftMonitor } from '../monitor-drift/drift.monitor';
import { parseEnrichedEvent } from './enriched-event.parser';
import { readFeatureVector } from './feature-vector.reader';
import { scoreInMicroBatches } from './micro-batch.scorer';
import type { BatchScores } from './micro-batch.scorer';
import { buildPrediction } from './prediction.builder';
import type { ScorableEvent } from './scorable-event.model';

export interface ScoreStageOptions {
  /** Reads the Avro values of `features.enriched`: the registry's serde, or the test codec. */
  readonly reader: { decode(buffer: Buffer): Promise<unknown> };
  readonly models: ServingModels;
  /** The predictions topic and its value subject (prefix included). */
  readonly predictions: StageTopic;
  readonly maxBatch: number;
  /** How long a batch waits for the first champion before failing (and being retried). */
  readonly championWaitMs: number;
  readonly metrics?: PipelineMetrics;
  /** Measures the serving models' drift on what they score; none in tests that do not ask. */
  readonly drift?: DriftMonitor;
  /** Where drift's model alerts go (with `drift`). */
  readonly modelAlerts?: StageTopic;
}

interface Accepted {
  readonly item: Parsed<ScorableEvent>;
  readonly values: readonly number[];
}

/**
 * The scoring stage: `features.enriched` in, one prediction per event out (key: the entity id,
 * like the input, so an entity's predictions stay in order).
 *
 * Delivery: as the runtime's guarantee. Under exactly-once a batch's predictions are published
 * once; under at-least-once a redelivered batch is scored again by the models serving then and
 * republished, and actions deduplicates by event id. The models are leased once per batch: a
 * swap takes effect at the next batch, and every prediction names the version that scored it.
 * An event whose vector the champion cannot read (names, order, values) is dead-lettered.
 */
export function scoreStage(options: ScoreStageOptions): StageDefinition<ScorableEvent> {
  return {
    name: 'scoring',
    async parse(record: IncomingRecord): Promise<ScorableEvent> {
      if (record.value === null) throw new AppError('UNDECODABLE', 'the record has no value');
      return parseEnrichedEvent(await options.reader.decode(record.value));
    },
    async process(batch: StageBatch<ScorableEvent>, out: StageOutputs<ScorableEvent>) {
      const lease = await options.models.leaseWithin(options.championWaitMs);
      if (lease === undefined)
        throw new AppError('DEPENDENCY_UNAVAILABLE', 'no champion model is loaded yet');
      try {
        const accepted: Accepted[] = [];
        for (const item of batch.items) {
          const vector = readFeatureVector(item.value, lease.champion.layout);
          if (vector.ok) accepted.push({ item, values: vector.values });
          else out.reject(item, vector.error);
        }
        const scores = await timeStep(options.metrics, 'score', () => scoreAll(accepted, lease));
        if (options.drift !== undefined) watchDrift(options.drift, accepted, scores, lease);
        accepted.forEach((accepted, row) => {
          const prediction = predictionOf(accepted, row, scores, lease);
          observe(options.metrics, prediction);
          out.emit(accepted.item, {
            to: options.predictions,
            key: prediction.entityId,
            value: prediction,
            eventId: prediction.eventId,
          });
        });
        const last = accepted.at(-1);
        if (
          options.drift !== undefined &&
          options.modelAlerts !== undefined &&
          last !== undefined
        ) {
          const first = batch.items[0]!.record;
          const source = `${first.topic}:${first.partition}:${first.offset}`;
          for (const alert of options.drift.alertsFor(source))
            out.emit(last.item, {
              to: options.modelAlerts,
              key: alert.alertId,
              value: alert,
              eventId: alert.alertId,
            });
        }
      } finally {
        lease.release();
      }
    },
  };

  function scoreAll(accepted: readonly Accepted[], lease: ModelLease): Promise<BatchScores> {
    const width = lease.champion.layout.names.length;
    const values = new Float32Array(accepted.length * width);
    accepted.forEach((item, row) => values.set(item.values, row * width));
    return scoreInMicroBatches({
      values,
      rows: accepted.length,
      width,
      maxBatch: options.maxBatch,
      champion: lease.champion.scorer,
      challenger: lease.challenger?.scorer,
    });
  }
}

/**
 * Each scored event into its models' drift windows. A batch processed again (a retried
 * delivery) is counted again: drift is a distribution, and a retry is rare against a window.
 */
function watchDrift(
  drift: DriftMonitor,
  accepted: readonly Accepted[],
  scores: BatchScores,
  lease: ModelLease,
): void {
  accepted.forEach(({ item, values }, row) => {
    const { eventTime } = item.value;
    drift.observe('champion', lease.champion, eventTime, values, scores.champion[row] as number);
    if (lease.challenger !== undefined && scores.challenger !== undefined)
      drift.observe(
        'challenger',
        lease.challenger,
        eventTime,
        values,
        scores.challenger[row] as number,
      );
  });
  drift.settle({ champion: lease.champion, challenger: lease.challenger });
  drift.publish();
}

function predictionOf(
  accepted: Accepted,
  row: number,
  scores: BatchScores,
  lease: ModelLease,
): Prediction {
  const chunk = scores.chunks.find((candidate) => row < candidate.end);
  if (chunk === undefined) throw new AppError('INTERNAL', `row ${row} was not scored`);
  const shadow = scores.challenger?.[row];
  return buildPrediction({
    event: accepted.item.value,
    values: accepted.values,
    champion: { model: lease.champion, score: scores.champion[row] as number },
    challenger:
      lease.challenger === undefined || shadow === undefined
        ? undefined
        : { model: lease.challenger, score: shadow },
    chunk,
  });
}

function observe(metrics: PipelineMetrics | undefined, prediction: Prediction): void {
  if (metrics === undefined) return;
  metrics.scores.observe({ role: 'champion' }, prediction.score);
  if (prediction.shadow !== null)
    metrics.scores.observe({ role: 'challenger' }, prediction.shadow.score);
  const latencyMs = prediction.timings.scoredAt - prediction.timings.ingestedAt;
  metrics.pipelineLatency.observe({ stage: 'scoring' }, Math.max(0, latencyMs) / 1_000);
}
