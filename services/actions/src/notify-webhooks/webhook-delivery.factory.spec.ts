import { alertFixture } from '@rtml/contracts/testing';
import { deliveriesOf, deliveryIdOf } from './webhook-delivery.factory';
import { webhookTargets } from './webhook-target.factory';

describe('the deliveries of an alert', () => {
  const targets = webhookTargets([
    'https://a.example.com/hook?key=1',
    'https://b.example.com/hook',
  ]);

  it('are one per webhook, due when the alert was created, with no attempt made', () => {
    const deliveries = deliveriesOf(alertFixture, targets);

    expect(deliveries).toEqual(
      targets.map((target) => ({
        deliveryId: deliveryIdOf(alertFixture.alertId, target.id),
        webhookId: target.id,
        endpoint: target.endpoint,
        alert: alertFixture,
        attempts: 0,
        nextAttemptAt: alertFixture.createdAt,
      })),
    );
    expect(JSON.stringify(deliveries)).not.toContain('key=1');
  });

  it('come out the same for a re-fired alert, so their attempts are counted together', () => {
    expect(deliveriesOf({ ...alertFixture }, targets)).toEqual(deliveriesOf(alertFixture, targets));
  });

  it('have ids that differ per alert and per webhook', () => {
    const [a, b] = targets.map((target) => target.id) as [string, string];
    const ids = [
      deliveryIdOf('alert-1', a),
      deliveryIdOf('alert-1', b),
      deliveryIdOf('alert-2', a),
    ];

    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^delivery-[0-9a-f]{32}$/);
  });
});
