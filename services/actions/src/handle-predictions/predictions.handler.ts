import { HEADERS } from '@rtml/contracts';
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
import type { AlertRaiser, RaisedAlert } from '../raise-alerts/alert.raiser';
import type { FailedDelivery, WebhookNotifier } from '../notify-webhooks/webhook.notifier';
import { redactUrl } from '../notify-webhooks/webhook.notifier';
import { toScoreItem } from '../store-prediction/score-item.mapper';
import type { ScoreStore } from '../store-prediction/score.store';
import type { AcceptedPrediction, PredictionDecoder } from './prediction.decoder';

export interface PredictionsHandlerOptions {
  /** The alerts topic and its value subject (prefix included). */
  readonly alertsTopic: string;
  readonly alertsSubject: string;
  readonly retentionDays: number;
}

export interface PredictionsHandlerParts {
  readonly decoder: PredictionDecoder;
  readonly scores: ScoreStore;
  readonly alerts: AlertRaiser;
  readonly webhooks: WebhookNotifier;
  readonly serde: AvroSerde;
  readonly publisher: RecordPublisher & { connect(): Promise<void> };
  readonly deadLetters: DeadLetterWriter;
  readonly metrics: PipelineMetrics;
  readonly logger: Logger;
}

type Source = AcceptedPrediction;

/**
 * The actions consumer's batch handler.
 *
 * Delivery guarantee (key: entity id; idempotency: event id). The order of the steps is what
 * keeps at-least-once without ever raising two different alerts for one window:
 * 1. store every prediction (BatchWriteItem puts keyed by event id; a redelivery rewrites the same
 *    items), so nothing is committed before it is durable;
 * 2. claim alerts in the shared alert state (conditional writes): suppressions are decided once,
 *    and an alert that fired before comes back as a re-fire of the same alert id;
 * 3. publish the alerts and the dead letters of poison records in ONE publish: the alerts topic is
 *    the durable record of what fired, written before anyone outside is called;
 * 4. call the webhooks, dead-lettering (in one more publish) the deliveries that fail for good;
 * 5. return, so the consumer commits.
 * A crash anywhere replays the batch: steps 1-2 come out the same, and steps 3-4 repeat the same
 * alerts with the same ids, which topic consumers and webhook receivers (x-rtml-alert-id)
 * deduplicate. Calling webhooks before the publish could notify about an alert the topic never
 * gets; publishing before storing could alert about a score the API cannot show.
 */
export class PredictionsHandler {
  constructor(
    private readonly parts: PredictionsHandlerParts,
    private readonly options: PredictionsHandlerOptions,
  ) {}

  async handle(batch: RecordBatch): Promise<void> {
    const { metrics } = this.parts;
    metrics.batchSize.observe({ stage: 'actions' }, batch.records.length);
    const { accepted, rejected } = await metrics.time('decode', () =>
      this.parts.decoder.decodeAll(batch.records),
    );
    await metrics.time('store', () =>
      this.parts.scores.putAll(
        accepted.map(({ prediction }) => toScoreItem(prediction, this.options.retentionDays)),
      ),
    );
    const raised = await metrics.time('alert', () => this.parts.alerts.raise(accepted));
    const poison = await Promise.all(
      rejected.map(({ record, error }) => this.deadLetter(record, error)),
    );
    const alertRecords = await Promise.all(raised.map((alert) => this.toAlertRecord(alert)));
    await metrics.time('publish', () => this.publish([...alertRecords, ...poison]));
    const failed = await metrics.time('webhooks', () => this.parts.webhooks.notifyAll(raised));
    if (failed.length > 0)
      await this.publish(
        await Promise.all(failed.map((failure) => this.webhookDeadLetter(failure))),
      );
    this.observeLatency(accepted);
    this.parts.logger.debug(
      {
        topic: batch.topic,
        partition: batch.partition,
        firstOffset: batch.records[0]?.offset,
        lastOffset: batch.records.at(-1)?.offset,
        stored: accepted.length,
        deadLettered: rejected.length,
        alerts: raised.length,
        failedDeliveries: failed.length,
      },
      'batch handled',
    );
  }

  private async toAlertRecord({ source, alert }: RaisedAlert<Source>): Promise<OutgoingRecord> {
    const traceId = source.record.headers[HEADERS.traceId];
    return {
      topic: this.options.alertsTopic,
      key: alert.entityId,
      value: await this.parts.serde.encode(this.options.alertsSubject, alert),
      headers: {
        [HEADERS.eventId]: alert.eventId,
        ...(traceId === undefined ? {} : { [HEADERS.traceId]: traceId }),
        [HEADERS.service]: 'actions',
      },
    };
  }

  private async webhookDeadLetter({ source, alert, result }: FailedDelivery<Source>) {
    const url = redactUrl(result.url);
    const last = result.lastStatus === undefined ? result.lastError : `HTTP ${result.lastStatus}`;
    const error = new AppError(
      'DEPENDENCY_UNAVAILABLE',
      `webhook ${url} did not accept alert ${alert.alertId} after ${result.attempts} attempt(s), last answer: ${last ?? 'none'}`,
      {
        details: {
          url,
          alertId: alert.alertId,
          attempts: result.attempts,
          status: result.lastStatus,
        },
      },
    );
    return this.deadLetter(source.record, error);
  }

  private async deadLetter(record: IncomingRecord, error: AppError): Promise<OutgoingRecord> {
    this.parts.metrics.deadLetters.inc({ code: error.code });
    this.parts.logger.warn(
      {
        topic: record.topic,
        partition: record.partition,
        offset: record.offset,
        eventId: record.headers[HEADERS.eventId],
        code: error.code,
        details: error.details,
      },
      `dead-lettering: ${error.message}`,
    );
    return this.parts.deadLetters.toRecord(record, error);
  }

  private async publish(records: readonly OutgoingRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.parts.publisher.connect();
    await this.parts.publisher.publish(records);
    const perTopic = new Map<string, number>();
    for (const record of records) perTopic.set(record.topic, (perTopic.get(record.topic) ?? 0) + 1);
    for (const [topic, count] of perTopic) this.parts.metrics.recordsProduced.inc({ topic }, count);
  }

  private observeLatency(accepted: readonly Source[]): void {
    const now = Date.now();
    for (const { prediction } of accepted)
      this.parts.metrics.pipelineLatency.observe(
        { stage: 'actions' },
        Math.max(0, now - prediction.timings.ingestedAt) / 1_000,
      );
  }
}
