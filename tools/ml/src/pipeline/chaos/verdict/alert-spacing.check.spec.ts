import { cooldownViolations } from './alert-spacing.check';

const HOUR = 3_600_000;
const alert = (alertId: string, entityId: string, eventTime: number) => ({
  alertId,
  entityId,
  eventTime,
});

describe('cooldownViolations', () => {
  it('accepts alerts of one entity a cooldown or more apart, and any alerts of other entities', () => {
    const alerts = [alert('a1', 'c1', 0), alert('a2', 'c1', HOUR), alert('b1', 'c2', 10)];
    expect(cooldownViolations(alerts, HOUR)).toEqual([]);
  });

  it('names the closest pair of an entity alerting twice within the cooldown', () => {
    const alerts = [alert('a1', 'c1', 0), alert('a3', 'c1', 2 * HOUR), alert('a2', 'c1', 1_000)];
    expect(cooldownViolations(alerts, HOUR)).toEqual([
      'entity c1: alerts a1 and a2 1 s of event time apart',
    ]);
  });

  it('takes one alert published twice (a duplicate) for one alert', () => {
    expect(cooldownViolations([alert('a1', 'c1', 5), alert('a1', 'c1', 5)], HOUR)).toEqual([]);
  });
});
