import { enrichedEventFixture } from '@rtml/contracts/testing';
import { HANDBOOK_LAYOUT, servingModelFixture } from '../testing/serving-model.fixture';
import { buildPrediction } from './prediction.builder';

const values = HANDBOOK_LAYOUT.names.map((_, column) => column + 0.25);
const chunk = {
  start: 0,
  end: 10,
  scoringMs: 1.5,
  scoredAt: enrichedEventFixture.timings.enrichedAt + 7,
};

describe('building a prediction', () => {
  it('names the champion version, the feature set and the vector in model order, with timings', () => {
    const champion = { model: servingModelFixture('4', { threshold: 0.3 }), score: 0.42 };

    const prediction = buildPrediction({
      event: enrichedEventFixture,
      values,
      champion,
      challenger: undefined,
      chunk,
    });

    expect(prediction).toEqual({
      eventId: enrichedEventFixture.eventId,
      eventTime: enrichedEventFixture.eventTime,
      entityId: enrichedEventFixture.entityId,
      score: 0.42,
      threshold: 0.3,
      decision: 'ALERT',
      model: { name: 'card-fraud', version: '4' },
      featureSet: { name: 'handbook-15', version: '1' },
      features: HANDBOOK_LAYOUT.names.map((name, column) => ({ name, value: column + 0.25 })),
      shadow: null,
      timings: {
        ingestedAt: enrichedEventFixture.timings.ingestedAt,
        enrichedAt: enrichedEventFixture.timings.enrichedAt,
        scoredAt: chunk.scoredAt,
        scoringMs: 1.5,
      },
    });
  });

  it("puts the challenger's score and its own decision in shadow, never in the decision", () => {
    const champion = { model: servingModelFixture('4', { threshold: 0.5 }), score: 0.2 };
    const challenger = { model: servingModelFixture('5', { threshold: 0.1 }), score: 0.3 };

    const prediction = buildPrediction({
      event: enrichedEventFixture,
      values,
      champion,
      challenger,
      chunk,
    });

    expect(prediction.decision).toBe('ALLOW');
    expect(prediction.shadow).toEqual({
      model: { name: 'card-fraud', version: '5' },
      score: 0.3,
      decision: 'ALERT',
    });
  });
});
