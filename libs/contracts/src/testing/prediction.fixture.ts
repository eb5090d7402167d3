import type { Prediction } from '../generated/contract.types';
import { enrichedEventFixture } from './enriched-event.fixture';

/** The champion's score of `enrichedEventFixture`, with no challenger configured. */
export const predictionFixture: Prediction = {
  eventId: enrichedEventFixture.eventId,
  eventTime: enrichedEventFixture.eventTime,
  entityId: enrichedEventFixture.entityId,
  score: 0.8125,
  threshold: 0.5,
  decision: 'ALERT',
  model: { name: 'card-fraud-lr', version: '3' },
  featureSet: enrichedEventFixture.featureSet,
  features: enrichedEventFixture.features,
  shadow: null,
  timings: {
    ...enrichedEventFixture.timings,
    scoredAt: enrichedEventFixture.timings.enrichedAt + 2,
    scoringMs: 0.75,
  },
};

/** `predictionFixture` with a challenger scored in shadow, which would have allowed it. */
export const shadowPredictionFixture: Prediction = {
  ...predictionFixture,
  shadow: { model: { name: 'card-fraud-rf', version: '1' }, score: 0.25, decision: 'ALLOW' },
};
