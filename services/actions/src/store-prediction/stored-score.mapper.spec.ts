import { AppError } from '@rtml/errors';
import { HANDBOOK_15 } from '@rtml/feature-engine';
import { predictionFixture, shadowPredictionFixture } from '@rtml/contracts/testing';
import type { Prediction } from '@rtml/contracts';
import { toScoreItem } from './score-item.mapper';
import { toStoredScore } from './stored-score.mapper';

describe('a stored score read back', () => {
  it.each([
    ['without a challenger', predictionFixture],
    ['with a challenger', shadowPredictionFixture],
  ])('answers the prediction it was stored from (%s), with its expiry', (_, prediction) => {
    const item = toScoreItem(prediction, 30);

    expect(toStoredScore(JSON.parse(JSON.stringify(item)))).toEqual({
      ...prediction,
      expiresAt: item.expiresAt,
    });
  });

  /** A prediction over the built-in handbook-15 set, whose names this build knows. */
  const builtin: Prediction = {
    ...predictionFixture,
    featureSet: { name: HANDBOOK_15.name, version: String(HANDBOOK_15.version) },
    features: HANDBOOK_15.features.map((feature, i) => ({ name: feature.name, value: i * 1.5 })),
  };

  it("stores a known feature set's vector as values alone and names them again when read", () => {
    const item = toScoreItem(builtin, 30);

    expect(item.features).toBeUndefined();
    expect(item.featureValues).toEqual(builtin.features.map((feature) => feature.value));
    expect(toStoredScore(JSON.parse(JSON.stringify(item)))).toEqual({
      ...builtin,
      expiresAt: item.expiresAt,
    });
  });

  it('keeps the names of a feature set it does not know, or of a vector not in its order', () => {
    const reordered = { ...builtin, features: [...builtin.features].reverse() };
    const newer = { ...builtin, featureSet: { name: HANDBOOK_15.name, version: '999' } };

    for (const prediction of [predictionFixture, reordered, newer]) {
      const item = toScoreItem(prediction, 30);
      expect(item.featureValues).toBeUndefined();
      expect(toStoredScore(JSON.parse(JSON.stringify(item))).features).toEqual(prediction.features);
    }
  });

  it('reads items written before the compact form, with names, for a known set too', () => {
    const { featureValues: _, ...item } = toScoreItem(builtin, 30);
    const older = { ...item, features: builtin.features };

    expect(toStoredScore(JSON.parse(JSON.stringify(older))).features).toEqual(builtin.features);
  });

  it('refuses values it cannot name (a version this build does not know) as INTERNAL', () => {
    const item = { ...toScoreItem(builtin, 30), featureSetVersion: '999' };

    expect(() => toStoredScore(JSON.parse(JSON.stringify(item)))).toThrow(
      expect.objectContaining({ code: 'INTERNAL', message: expect.stringMatching(/cannot name/) }),
    );
  });

  it('is refused as INTERNAL when the item was not written by this service', () => {
    const attempt = () => toStoredScore({ eventId: 'e-1', score: 'high' });

    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });
});
