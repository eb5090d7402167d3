import { HEADERS } from '@rtml/contracts';
import type { Prediction } from '@rtml/contracts';
import { AppError } from '@rtml/errors';
import type {
  AvroSerde,
  DeadLetterWriter,
  IncomingRecord,
  OutgoingRecord,
  RecordBatch,
  RecordPublisher,
} from '@rtml/kafka';
import type { Logger, PipelineMetrics } from '@rtml/observability';
import type { ModelLease, ServingModels } from '../model/serving-models.holder';
import { decodeEnrichedRecord } from './enriched-record.decoder';
import { readFeatureVector } from './feature-vector.reader';
import { scoreInMicroBatches } from './micro-batch.scorer';
import type { BatchScores } from './micro-batch.scorer';
import { buildPrediction } from './prediction.builder';
import type { ScorableEvent } from './scorable-event.model';

export interface ScoreBatchHandlerOptions {
  readonly serde: AvroSerde;
  /** Connected on first use, so the service boots (not ready) while Kafka is down. */
  readonly publisher: RecordPublisher & { connect(): Promise<void> };
  readonly deadLetters: DeadLetterWriter;
  readonly models: ServingModels;
  /** The predictions topic and its value subject (prefix included). */
  readonly predictions: { readonly topic: string; readonly subject: string };
  readonly maxBatch: number;
  /** How long a batch waits for the first champion before failing (and being retried). */
  readonly championWaitMs: number;
  readonly metrics: PipelineMetrics;
  readonly logger: Logger;
}

interface Accepted {
  readonly record: IncomingRecord;
  readonly event: ScorableEvent;
  readonly values: readonly number[];
}

interface Rejected {
  readonly record: IncomingRecord;
  readonly error: AppError;
  readonly eventId?: string;
}

/**
 * Scores one consumed batch of `features.enriched` and publishes its predictions and dead
 * letters in a single publish; the consumer commits only after it returns.
 *
 * Delivery: at least once. Key: the entity id, like the input, so an entity's predictions stay in
 * order. A redelivered batch is scored again by the models serving then and republished; actions
 * deduplicates predictions by event id. The models are leased once per batch: a swap takes effect
 * at the next batch, and every prediction names the version that scored it.
 */
export class ScoreBatchHandler {
  constructor(private readonly options: ScoreBatchHandlerOptions) {}

  readonly handle = async (batch: RecordBatch): Promise<void> => {
    const lease = await this.options.models.leaseWithin(this.options.championWaitMs);
    if (lease === undefined) {
      throw new AppError('DEPENDENCY_UNAVAILABLE', 'no champion model is loaded yet');
    }
    try {
      await this.score(batch, lease);
    } finally {
      lease.release();
    }
  };

  private async score(batch: RecordBatch, lease: ModelLease): Promise<void> {
    const { serde, metrics, deadLetters, publisher, predictions } = this.options;
    const decoded = await Promise.all(batch.records.map((r) => decodeEnrichedRecord(serde, r)));
    const accepted: Accepted[] = [];
    const rejected: Rejected[] = [];
    for (const item of decoded) {
      if (!item.ok) {
        rejected.push(item);
        continue;
      }
      const vector = readFeatureVector(item.event, lease.champion.layout);
      if (vector.ok) accepted.push({ ...item, values: vector.values });
      else rejected.push({ record: item.record, error: vector.error, eventId: item.event.eventId });
    }
    metrics.batchSize.observe({ stage: 'score' }, batch.records.length);
    const scores = await metrics.time('score', () => this.scoreAll(accepted, lease));
    const outputs = await Promise.all(
      accepted.map(async (item, row) => {
        const prediction = this.predictionOf(item, row, scores, lease);
        const value = await serde.encode(predictions.subject, prediction);
        return { prediction, record: this.recordOf(item, prediction, value) };
      }),
    );
    const letters = await Promise.all(rejected.map((r) => deadLetters.toRecord(r.record, r.error)));
    await metrics.time('publish', async () => {
      await publisher.connect();
      await publisher.publish([...outputs.map((output) => output.record), ...letters]);
    });
    this.observe(
      outputs.map((output) => output.prediction),
      rejected,
    );
  }

  private scoreAll(accepted: readonly Accepted[], lease: ModelLease): Promise<BatchScores> {
    const width = lease.champion.layout.names.length;
    const values = new Float32Array(accepted.length * width);
    accepted.forEach((item, row) => values.set(item.values, row * width));
    return scoreInMicroBatches({
      values,
      rows: accepted.length,
      width,
      maxBatch: this.options.maxBatch,
      champion: lease.champion.scorer,
      challenger: lease.challenger?.scorer,
    });
  }

  private predictionOf(
    item: Accepted,
    row: number,
    scores: BatchScores,
    lease: ModelLease,
  ): Prediction {
    const chunk = scores.chunks.find((candidate) => row < candidate.end);
    if (chunk === undefined) throw new AppError('INTERNAL', `row ${row} was not scored`);
    const shadow = scores.challenger?.[row];
    return buildPrediction({
      event: item.event,
      values: item.values,
      champion: { model: lease.champion, score: scores.champion[row] as number },
      challenger:
        lease.challenger === undefined || shadow === undefined
          ? undefined
          : { model: lease.challenger, score: shadow },
      chunk,
    });
  }

  private recordOf(item: Accepted, prediction: Prediction, value: Buffer): OutgoingRecord {
    const traceId = item.record.headers[HEADERS.traceId];
    return {
      topic: this.options.predictions.topic,
      key: prediction.entityId,
      value,
      headers: {
        [HEADERS.eventId]: prediction.eventId,
        ...(traceId === undefined ? {} : { [HEADERS.traceId]: traceId }),
        [HEADERS.service]: 'scoring',
      },
    };
  }

  private observe(predictions: readonly Prediction[], rejected: readonly Rejected[]): void {
    const { metrics, logger, predictions: target, deadLetters } = this.options;
    if (predictions.length > 0)
      metrics.recordsProduced.inc({ topic: target.topic }, predictions.length);
    for (const prediction of predictions) {
      metrics.scores.observe({ role: 'champion' }, prediction.score);
      if (prediction.shadow !== null)
        metrics.scores.observe({ role: 'challenger' }, prediction.shadow.score);
      const latencyMs = prediction.timings.scoredAt - prediction.timings.ingestedAt;
      metrics.pipelineLatency.observe({ stage: 'scoring' }, Math.max(0, latencyMs) / 1_000);
    }
    if (rejected.length > 0)
      metrics.recordsProduced.inc({ topic: deadLetters.topic }, rejected.length);
    for (const { record, error, eventId } of rejected) {
      metrics.deadLetters.inc({ code: error.code });
      logger.warn(
        {
          topic: record.topic,
          partition: record.partition,
          offset: record.offset,
          eventId,
          code: error.code,
          reason: error.message,
        },
        'dead-lettered an enriched event',
      );
    }
  }
}
