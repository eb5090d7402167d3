import { predictionFixture } from '@rtml/contracts/testing';
import { alertIdOf, isAlerting, toAlert } from './alert.factory';

describe('alerts', () => {
  it('are raised by ALERT decisions only', () => {
    expect(isAlerting(predictionFixture)).toBe(true);
    expect(isAlerting({ ...predictionFixture, decision: 'ALLOW' })).toBe(false);
  });

  it('have an id derived from the event id alone: stable, distinct per event', () => {
    expect(alertIdOf('e-1')).toBe(alertIdOf('e-1'));
    expect(alertIdOf('e-1')).not.toBe(alertIdOf('e-2'));
    expect(alertIdOf('e-1')).toMatch(/^alert-[0-9a-f]{32}$/);
  });

  it('carry the score, the threshold, the model and a reason people can read', () => {
    const alert = toAlert(predictionFixture, 1_234);

    expect(alert).toEqual({
      alertId: alertIdOf(predictionFixture.eventId),
      eventId: predictionFixture.eventId,
      entityId: predictionFixture.entityId,
      eventTime: predictionFixture.eventTime,
      score: 0.8125,
      threshold: 0.5,
      model: { name: 'card-fraud-lr', version: '3' },
      reason: 'score 0.8125 >= threshold 0.5 (model card-fraud-lr version 3)',
      createdAt: 1_234,
    });
  });
});
