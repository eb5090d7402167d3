import { createHash } from 'node:crypto';
import type { Alert, Prediction } from '@rtml/contracts';

/** The decision that raises an alert (Prediction.decision, see the Decision enum). */
export const ALERTING_DECISION = 'ALERT' satisfies Prediction['decision'];

export const isAlerting = (prediction: Prediction): boolean =>
  prediction.decision === ALERTING_DECISION;

/**
 * The alert id: derived from the event id alone (128 bits of its SHA-256), so every replica and
 * every redelivery names the alert of an event the same way, and consumers and webhook receivers
 * can deduplicate on it.
 */
export function alertIdOf(eventId: string): string {
  return `alert-${createHash('sha256').update(eventId, 'utf8').digest('hex').slice(0, 32)}`;
}

export function alertReason(prediction: Prediction): string {
  const { model } = prediction;
  return `score ${prediction.score} >= threshold ${prediction.threshold} (model ${model.name} version ${model.version})`;
}

/**
 * The alert of an alerting prediction. Everything but `createdAt` is a function of the
 * prediction; `createdAt` is when it first fired (a re-fired alert keeps its first `createdAt`,
 * read back from the alert state).
 */
export function toAlert(prediction: Prediction, createdAt: number): Alert {
  return {
    alertId: alertIdOf(prediction.eventId),
    eventId: prediction.eventId,
    entityId: prediction.entityId,
    eventTime: prediction.eventTime,
    score: prediction.score,
    threshold: prediction.threshold,
    model: { name: prediction.model.name, version: prediction.model.version },
    reason: alertReason(prediction),
    createdAt,
  };
}
