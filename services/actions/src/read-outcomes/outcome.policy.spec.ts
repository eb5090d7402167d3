import { predictionFixture } from '@rtml/contracts/testing';
import type { StoredLabel } from '../join-labels/label-item.mapper';
import { isMatured, outcomeOf, withOutcome } from './outcome.policy';

const DAY = 86_400_000;
const DELAY = 7 * DAY;
const T = Date.UTC(2018, 3, 1);

describe('when an event has matured', () => {
  it('once the event clock has reached its time plus the label delay, not a millisecond before', () => {
    expect(isMatured(T, T + DELAY - 1, DELAY)).toBe(false);
    expect(isMatured(T, T + DELAY, DELAY)).toBe(true);
    expect(isMatured(T, T + 30 * DAY, DELAY)).toBe(true);
  });

  it('never before the clock has any time (no prediction stored yet)', () => {
    expect(isMatured(T, undefined, DELAY)).toBe(false);
  });
});

describe('the outcome of an event', () => {
  it("is a stored label's, matured or not", () => {
    for (const matured of [false, true]) {
      expect(outcomeOf({ fraud: true }, matured)).toBe('fraud');
      expect(outcomeOf({ fraud: false }, matured)).toBe('genuine');
    }
  });

  it('is genuine with no label once matured, and pending before', () => {
    expect(outcomeOf(undefined, true)).toBe('genuine');
    expect(outcomeOf(undefined, false)).toBe('pending');
  });
});

describe('a score with its outcome', () => {
  const score = { ...predictionFixture, eventTime: T, expiresAt: 1 };
  const label: StoredLabel = {
    eventId: score.eventId,
    entityId: score.entityId,
    transactionTime: T,
    transactionDay: new Date(T).toISOString().slice(0, 10),
    fraud: true,
    labelledAt: T + DELAY,
    labelEventId: 'lbl-1',
    source: 'KAFKA',
    ingestedAt: T + DELAY + 5,
  };

  it('carries the label as the API answers it, and the score unchanged', () => {
    expect(withOutcome(score, label, T + DAY, DELAY)).toEqual({
      ...score,
      label: { fraud: true, labelledAt: T + DELAY },
      matured: false,
      outcome: 'fraud',
    });
  });

  it('says null, not a missing field, while no label is stored', () => {
    expect(withOutcome(score, undefined, T + DELAY, DELAY)).toMatchObject({
      label: null,
      matured: true,
      outcome: 'genuine',
    });
  });
});
