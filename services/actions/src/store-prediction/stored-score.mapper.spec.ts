import { AppError } from '@rtml/errors';
import { predictionFixture, shadowPredictionFixture } from '@rtml/contracts/testing';
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

  it('is refused as INTERNAL when the item was not written by this service', () => {
    const attempt = () => toStoredScore({ eventId: 'e-1', score: 'high' });

    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });
});
