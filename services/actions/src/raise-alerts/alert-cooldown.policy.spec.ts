import { cooldownVerdict, verdictOfConditions, windowEndOf } from './alert-cooldown.policy';

const HOUR = 3_600_000;
const candidate = { alertId: 'alert-b', eventTime: 10 * HOUR };

describe('the alert cooldown', () => {
  it('fires the first alert of an entity', () => {
    expect(cooldownVerdict(candidate, undefined, false)).toBe('fire');
  });

  it('suppresses an alert inside the window another alert opened', () => {
    const window = { alertId: 'alert-a', windowEndsAt: windowEndOf(9.5 * HOUR, HOUR) };

    expect(cooldownVerdict(candidate, window, false)).toBe('suppress');
  });

  it('fires again once the window has ended, in event time (its end included)', () => {
    const endedAtThisEvent = { alertId: 'alert-a', windowEndsAt: windowEndOf(9 * HOUR, HOUR) };

    expect(cooldownVerdict(candidate, endedAtThisEvent, false)).toBe('fire');
  });

  it('suppresses a late event older than the open window, as windows only move forward', () => {
    const later = { alertId: 'alert-a', windowEndsAt: windowEndOf(12 * HOUR, HOUR) };

    expect(cooldownVerdict(candidate, later, false)).toBe('suppress');
  });

  it('fires the alert whose own window it is (a redelivery of the last alert)', () => {
    const own = { alertId: 'alert-b', windowEndsAt: windowEndOf(candidate.eventTime, HOUR) };

    expect(cooldownVerdict(candidate, own, false)).toBe('fire');
  });

  it('re-fires an alert that fired before, even after a later alert moved the window on', () => {
    const movedOn = { alertId: 'alert-c', windowEndsAt: windowEndOf(20 * HOUR, HOUR) };

    expect(cooldownVerdict(candidate, movedOn, true)).toBe('refire');
  });

  it('with no cooldown, fires every alert', () => {
    const window = { alertId: 'alert-a', windowEndsAt: windowEndOf(candidate.eventTime, 0) };

    expect(cooldownVerdict(candidate, window, false)).toBe('fire');
  });
});

describe('the verdict of the alert-state transaction', () => {
  it.each([
    [false, false, 'fire'],
    [true, false, 'suppress'],
    [false, true, 'refire'],
    [true, true, 'refire'],
  ] as const)(
    'with the cooldown condition failed=%s and the marker condition failed=%s is %s',
    (cooldownFailed, markerFailed, verdict) => {
      expect(verdictOfConditions(cooldownFailed, markerFailed)).toBe(verdict);
    },
  );
});
