import { marshall } from '@aws-sdk/util-dynamodb';
import type { Prediction } from '@rtml/contracts';
import { predictionFixture, shadowPredictionFixture } from '@rtml/contracts/testing';
import { HANDBOOK_15 } from '@rtml/feature-engine';
import {
  SCORE_ITEM_MARSHALL,
  entityTimeKey,
  entityTimeRange,
  scoreItemAttributes,
  toScoreItem,
} from './score-item.mapper';

describe('the score item of a prediction', () => {
  it('is a pure function of the prediction: mapping it twice gives equal items', () => {
    const first = toScoreItem(predictionFixture, 90);
    const again = toScoreItem(structuredClone(predictionFixture), 90);

    expect(again).toEqual(first);
  });

  it('carries what produced the score: model, feature set, features in order, timings', () => {
    const item = toScoreItem(predictionFixture, 90);

    expect(item).toMatchObject({
      eventId: predictionFixture.eventId,
      entityId: predictionFixture.entityId,
      eventTime: predictionFixture.eventTime,
      score: 0.8125,
      threshold: 0.5,
      decision: 'ALERT',
      modelName: 'card-fraud-lr',
      modelVersion: '3',
      featureSetName: predictionFixture.featureSet.name,
      featureSetVersion: predictionFixture.featureSet.version,
      timings: predictionFixture.timings,
    });
    expect(item.features).toEqual(predictionFixture.features);
  });

  it('expires a retention after ingest accepted the event, in epoch seconds, whatever the clock or the event time say', () => {
    const item = toScoreItem(
      {
        ...predictionFixture,
        eventTime: 1_522_540_800_000,
        timings: { ...predictionFixture.timings, ingestedAt: 1_700_000_000_999 },
      },
      90,
    );

    expect(item.expiresAt).toBe(1_700_000_000 + 90 * 86_400);
  });

  it('has no shadow attribute without a challenger, and a flat one with it', () => {
    expect('shadow' in toScoreItem(predictionFixture, 90)).toBe(false);
    expect(toScoreItem(shadowPredictionFixture, 90).shadow).toEqual({
      modelName: 'card-fraud-rf',
      modelVersion: '1',
      score: 0.25,
      decision: 'ALLOW',
    });
  });

  it('has the index sort key built from the event time and the event id', () => {
    const item = toScoreItem(predictionFixture, 90);

    expect(item.eventTimeId).toBe(
      entityTimeKey(predictionFixture.eventTime, predictionFixture.eventId),
    );
  });
});

describe('the attribute values of a score item', () => {
  /** Over the built-in handbook-15 set (stored compact), with values marshall must write exactly. */
  const compact: Prediction = {
    ...shadowPredictionFixture,
    featureSet: { name: HANDBOOK_15.name, version: String(HANDBOOK_15.version) },
    features: HANDBOOK_15.features.map((feature, i) => ({
      name: feature.name,
      value: [0, -0, 1.5e-7, 2 ** 53 + 2, 123_456.789, 1 / 3][i % 6] as number,
    })),
  };

  it.each([
    ['compact, with a challenger', compact],
    ['with named features, no challenger', predictionFixture],
    ['with named features and a challenger', shadowPredictionFixture],
  ])(
    'are what the SDK’s marshall makes of it (%s), attribute for attribute and in order',
    (_, prediction) => {
      const item = toScoreItem(prediction, 90);

      const attributes = scoreItemAttributes(item);

      expect(attributes).toEqual(marshall(item, SCORE_ITEM_MARSHALL));
      expect(JSON.stringify(attributes)).toBe(JSON.stringify(marshall(item, SCORE_ITEM_MARSHALL)));
    },
  );

  it('refuses a number DynamoDB cannot store, as marshall does', () => {
    const item = toScoreItem(
      {
        ...compact,
        features: compact.features.map((f, i) => (i === 3 ? { ...f, value: Number.NaN } : f)),
      },
      90,
    );

    expect(() => marshall(item, SCORE_ITEM_MARSHALL)).toThrow('Special numeric value NaN');
    expect(() => scoreItemAttributes(item)).toThrow('Special numeric value NaN');
  });
});

describe('the entity index sort key', () => {
  it('is the event time zero-padded to 16 digits, then # and the event id', () => {
    expect(entityTimeKey(1_700_000_000_000, 'e-1')).toBe('0001700000000000#e-1');
    expect(entityTimeKey(0, 'e-0')).toBe('0000000000000000#e-0');
  });

  it('sorts as bytes in event-time order, then by event id within one millisecond', () => {
    const keys = [
      entityTimeKey(10_000, 'a'),
      entityTimeKey(999, 'z'),
      entityTimeKey(10_000, 'A'),
      entityTimeKey(Number.MAX_SAFE_INTEGER, 'b'),
      entityTimeKey(1_000, 'c'),
    ];
    const byBytes = [...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));

    expect(byBytes).toEqual([
      entityTimeKey(999, 'z'),
      entityTimeKey(1_000, 'c'),
      entityTimeKey(10_000, 'A'),
      entityTimeKey(10_000, 'a'),
      entityTimeKey(Number.MAX_SAFE_INTEGER, 'b'),
    ]);
  });

  it('bounds a time range so both end milliseconds are included and nothing outside is', () => {
    const { low, high } = entityTimeRange(1_000, 2_000);
    const inside = (key: string) => key >= low && key <= high;

    expect(inside(entityTimeKey(1_000, ''))).toBe(true);
    expect(inside(entityTimeKey(2_000, '~~~~~~~~'))).toBe(true);
    expect(inside(entityTimeKey(999, '~~~~'))).toBe(false);
    expect(inside(entityTimeKey(2_001, '!'))).toBe(false);
  });
});
