import type { Alert, Prediction } from '@rtml/contracts';
import { predictionFixture } from '@rtml/contracts/testing';
import { PipelineMetrics } from '@rtml/observability';
import { cooldownVerdict, windowEndOf } from './alert-cooldown.policy';
import type { CooldownWindow } from './alert-cooldown.policy';
import { AlertRaiser } from './alert.raiser';
import { AlertStateStore } from './dynamodb-alert-state.store';
import type { AlertClaim } from './dynamodb-alert-state.store';

const HOUR = 3_600_000;

/** The cooldown rule over plain maps: the behaviour the DynamoDB store gives, for the raiser. */
class RuleOnlyAlertState extends AlertStateStore {
  readonly windows = new Map<string, CooldownWindow>();
  readonly fired = new Map<string, Alert>();

  async claim(alert: Alert): Promise<AlertClaim> {
    const verdict = cooldownVerdict(
      alert,
      this.windows.get(alert.entityId),
      this.fired.has(alert.alertId),
    );
    if (verdict === 'refire') return { verdict, alert: this.fired.get(alert.alertId)! };
    if (verdict === 'fire') {
      this.windows.set(alert.entityId, {
        alertId: alert.alertId,
        windowEndsAt: windowEndOf(alert.eventTime, HOUR),
      });
      this.fired.set(alert.alertId, alert);
    }
    return { verdict, alert };
  }
}

const prediction = (eventId: string, entityId: string, hours: number, decision = 'ALERT') => ({
  prediction: {
    ...predictionFixture,
    eventId,
    entityId,
    eventTime: hours * HOUR,
    decision,
  } as Prediction,
});

describe('raising the alerts of a batch', () => {
  const metrics = new PipelineMetrics('actions-test');
  let clock = 1_000;
  const raiser = (state: AlertStateStore) => new AlertRaiser(state, metrics, 4, () => clock++);

  it('raises one alert per entity and window, in partition order, and skips ALLOW decisions', async () => {
    const state = new RuleOnlyAlertState();
    const batch = [
      prediction('e-1', 'c-1', 1),
      prediction('e-2', 'c-1', 1.5),
      prediction('e-3', 'c-2', 1.5),
      prediction('e-4', 'c-1', 2.2),
      prediction('e-5', 'c-3', 1, 'ALLOW'),
    ];

    const raised = await raiser(state).raise(batch);

    expect(raised.map(({ source }) => source.prediction.eventId)).toEqual(['e-1', 'e-4', 'e-3']);
    expect(raised.every(({ refired }) => !refired)).toBe(true);
  });

  it('re-raises the very same alerts when the batch is redelivered, and no other', async () => {
    const state = new RuleOnlyAlertState();
    const batch = [
      prediction('e-1', 'c-1', 1),
      prediction('e-2', 'c-1', 1.5),
      prediction('e-4', 'c-1', 2.2),
    ];
    const first = await raiser(state).raise(batch);

    const again = await raiser(state).raise(batch);

    expect(again.map(({ alert }) => alert)).toEqual(first.map(({ alert }) => alert));
    expect(again.every(({ refired }) => refired)).toBe(true);
  });

  it('counts suppressed alerts', async () => {
    const suppressed = async () =>
      (await metrics.alerts.get()).values.find((value) => value.labels.outcome === 'suppressed')
        ?.value ?? 0;
    const before = await suppressed();

    await raiser(new RuleOnlyAlertState()).raise([
      prediction('e-1', 'c-9', 1),
      prediction('e-2', 'c-9', 1.1),
      prediction('e-3', 'c-9', 1.2),
    ]);

    expect((await suppressed()) - before).toBe(2);
  });
});
