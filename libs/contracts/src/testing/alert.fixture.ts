import type { Alert } from '../generated/contract.types';
import { predictionFixture } from './prediction.fixture';

/** The alert `predictionFixture` raises. */
export const alertFixture: Alert = {
  alertId: `alert:${predictionFixture.eventId}`,
  eventId: predictionFixture.eventId,
  entityId: predictionFixture.entityId,
  eventTime: predictionFixture.eventTime,
  score: predictionFixture.score,
  threshold: predictionFixture.threshold,
  model: predictionFixture.model,
  reason: 'score 0.8125 >= threshold 0.5 (card-fraud-lr 3)',
  createdAt: predictionFixture.timings.scoredAt + 5,
};
