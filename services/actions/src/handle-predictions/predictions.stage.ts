import type { Prediction } from '@rtml/contracts';
import { AppError } from '@rtml/errors';
import type { IncomingRecord, Parsed, StageDefinition, StageTopic } from '@rtml/kafka';
import { timeStep } from '@rtml/observability';
import type { PipelineMetrics } from '@rtml/observability';
import type { QualityRowStore } from '../measure-quality/quality-row.store';
import { deliveriesOf } from '../notify-webhooks/webhook-delivery.factory';
import type { WebhookTarget } from '../notify-webhooks/webhook-target.factory';
import type { AlertRaiser } from '../raise-alerts/alert.raiser';
import type { ClockTick, EventClock } from '../read-outcomes/event-clock.store';
import { toScoreItem } from '../store-prediction/score-item.mapper';
import type { ScoreStore } from '../store-prediction/score.store';
import { parsePrediction } from './prediction.parser';

export const PREDICTIONS_STAGE = 'actions';

export interface PredictionsStageParts {
  /** Reads the Avro values of `predictions`: the registry's serde, or the test codec. */
  readonly reader: { decode(buffer: Buffer): Promise<unknown> };
  readonly scores: ScoreStore;
  /** Per day, what scored each prediction: what online quality is computed from. */
  readonly quality: QualityRowStore;
  /** Moved to the newest event time stored: what decides which events have matured. */
  readonly clock: EventClock;
  readonly alerts: AlertRaiser;
  /** The configured webhooks: each alert gets one delivery record per target. */
  readonly targets: readonly WebhookTarget[];
  /** The alerts and deliveries topics with their value subjects (prefix included). */
  readonly alertsTopic: StageTopic;
  readonly deliveriesTopic: StageTopic;
  readonly retentionDays: number;
  readonly metrics?: PipelineMetrics;
}

/**
 * The actions stage: `predictions` in; every prediction stored, alerts out to `alerts`, and for
 * each alert one record per webhook out to the webhook outbox (`webhooks.deliveries`), which the
 * delivery worker works in its own group. No receiver is called here, so a slow or dead one
 * never slows storing predictions.
 *
 * Delivery guarantee (key: entity id; idempotency: event id). The order of the steps is what
 * keeps redeliveries harmless and never raises two different alerts for one window:
 * 1. store every prediction (BatchWriteItem puts keyed by event id; a redelivery rewrites the
 *    same items) and the batch's quality rows (items keyed by day and by the batch's partition
 *    and first offset, the same again on a redelivery), so nothing is committed, nor alerted,
 *    before it is durable, then move the
 *    event clock to the batch's newest event time (a conditional max: again is harmless), so
 *    the clock never runs ahead of what is stored;
 * 2. claim alerts in the shared alert state (conditional writes, the cooldown): suppressions are
 *    decided once, and an alert that fired before comes back as a re-fire of the same alert;
 * 3. hand the alerts and their deliveries to the runtime, which writes them with the batch's
 *    offset: under exactly_once_v2 in ONE Kafka transaction, so an alert and its deliveries are
 *    committed together or not at all; under at_least_once published, then committed.
 * A crash anywhere replays the batch: steps 1-2 come out the same, and step 3 writes the same
 * alert (same alert id and `createdAt`) and the same deliveries (same delivery ids) again; under
 * exactly_once_v2 read_committed consumers see them once, under at_least_once they deduplicate
 * by id, and the worker's attempt counters, keyed by delivery id, hold every copy of a delivery
 * record to one bound on attempts (and skip it once delivered).
 */
export function predictionsStage(parts: PredictionsStageParts): StageDefinition<Prediction> {
  return {
    name: PREDICTIONS_STAGE,
    async parse(record: IncomingRecord): Promise<Prediction> {
      if (record.value === null)
        throw new AppError('UNDECODABLE', 'a tombstone is not a prediction');
      return parsePrediction(await parts.reader.decode(record.value));
    },
    async process(batch, out) {
      const { metrics } = parts;
      const predictions = batch.items.map((item) => item.value);
      const first = batch.items[0];
      await timeStep(metrics, 'store', () =>
        Promise.all([
          parts.scores.putAll(predictions.map((p) => toScoreItem(p, parts.retentionDays))),
          first === undefined
            ? undefined
            : parts.quality.putBatch(
                { partition: batch.partition, firstOffset: first.record.offset },
                predictions,
              ),
        ]),
      );
      const newest = newestOf(batch.items);
      if (newest !== undefined) await timeStep(metrics, 'clock', () => parts.clock.advance(newest));
      const raised = await timeStep(metrics, 'alert', () =>
        parts.alerts.raise(batch.items.map((item) => ({ item, prediction: item.value }))),
      );
      for (const { source, alert } of raised) {
        out.emit(source.item, {
          to: parts.alertsTopic,
          key: alert.entityId,
          value: alert,
          eventId: alert.eventId,
        });
        for (const delivery of deliveriesOf(alert, parts.targets))
          out.emit(source.item, {
            to: parts.deliveriesTopic,
            key: delivery.deliveryId,
            value: delivery,
            eventId: alert.eventId,
          });
      }
      observeLatency(metrics, batch.items);
    },
  };
}

function newestOf(items: readonly Parsed<Prediction>[]): ClockTick | undefined {
  let newest: ClockTick | undefined;
  for (const { value } of items)
    if (newest === undefined || value.eventTime > newest.eventTime)
      newest = { eventTime: value.eventTime, eventId: value.eventId };
  return newest;
}

function observeLatency(
  metrics: PipelineMetrics | undefined,
  items: readonly Parsed<Prediction>[],
): void {
  if (metrics === undefined) return;
  const now = Date.now();
  for (const { value } of items)
    metrics.pipelineLatency.observe(
      { stage: PREDICTIONS_STAGE },
      Math.max(0, now - value.timings.ingestedAt) / 1_000,
    );
}
