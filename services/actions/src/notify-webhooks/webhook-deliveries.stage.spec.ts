import { HEADERS, topicName, valueSubject } from '@rtml/contracts';
import type { WebhookDelivery } from '@rtml/contracts';
import { labelFixture, webhookDeliveryFixture } from '@rtml/contracts/testing';
import { StageTestDriver } from '@rtml/kafka/testing';
import { DeliveryAttemptStore } from './delivery-attempt.store';
import type { AttemptClaim } from './delivery-attempt.store';
import { webhookDeliveriesStage } from './webhook-deliveries.stage';
import { webhookTargets } from './webhook-target.factory';
import type { WebhookAnswer } from './webhook.sender';

// Broker-free and server-free: what the worker decides before it counts an attempt. Attempts,
// retries and dead letters after them are in webhook-deliveries.stage.int-spec.ts, against
// DynamoDB Local and a real HTTP receiver.

const PREFIX = 'unit';
const DELIVERIES = topicName('webhookDeliveries', PREFIX);
const SUBJECT = valueSubject('webhookDeliveries', PREFIX);
const BUDGET_MS = 10_000;
const T0 = 1_800_000_000_000;

const unreachable = (): never => {
  throw new Error('an attempt was counted or made');
};

class UnreachableAttempts extends DeliveryAttemptStore {
  claim(): Promise<AttemptClaim> {
    return unreachable();
  }
  record(): Promise<void> {
    return unreachable();
  }
}

/** A clock whose waits pass at once and are written down. */
function virtualClock() {
  const clock = { time: T0, waits: [] as number[] };
  return Object.assign(clock, {
    now: () => clock.time,
    sleep: (ms: number) => {
      clock.waits.push(ms);
      clock.time += ms;
      return Promise.resolve();
    },
  });
}

const [target] = webhookTargets(['https://cases.example.com/hooks/rtml?token=t']);

function build(clock = virtualClock()) {
  const driver = new StageTestDriver(
    (codec) =>
      webhookDeliveriesStage({
        reader: codec,
        targets: [target!],
        sender: { attempt: (): Promise<WebhookAnswer> => unreachable() },
        attempts: new UnreachableAttempts(),
        deliveries: { topic: DELIVERIES, subject: SUBJECT },
        retry: { maxAttempts: 5, initialDelayMs: 200, maxDelayMs: 60_000 },
        timeoutMs: 3_000,
        batchBudgetMs: BUDGET_MS,
        concurrency: 4,
        clock,
      }),
    { prefix: PREFIX },
  );
  return { driver, clock };
}

const deliveryTo = (overrides: Partial<WebhookDelivery>): WebhookDelivery => ({
  ...webhookDeliveryFixture,
  webhookId: target!.id,
  endpoint: target!.endpoint,
  ...overrides,
});

describe('the webhook delivery worker, before any attempt', () => {
  it('dead-letters a tombstone, bytes that are not Avro and a value of another schema', async () => {
    const { driver } = build();
    const result = await driver.pipe(DELIVERIES, [
      { value: null },
      { value: Buffer.from('not avro') },
      { value: await driver.avro(valueSubject('labels', PREFIX), labelFixture) },
    ]);

    expect(result.deadLetters.map((letter) => [letter.errorCode, letter.service])).toEqual([
      ['UNDECODABLE', 'actions'],
      ['UNDECODABLE', 'actions'],
      ['SCHEMA_INVALID', 'actions'],
    ]);
  });

  it('dead-letters a delivery to a webhook no longer configured, counting no attempt', async () => {
    const { driver } = build();
    const removed = deliveryTo({
      webhookId: 'webhook-0000000000000000',
      endpoint: 'https://gone/x',
    });
    const result = await driver.pipe(DELIVERIES, [{ value: await driver.avro(SUBJECT, removed) }]);

    expect(result.deadLetters).toEqual([
      expect.objectContaining({ errorCode: 'NOT_FOUND', originalTopic: DELIVERIES }),
    ]);
    expect(result.deadLetters[0]?.reason).toContain('https://gone/x');
    expect(result.outputs(DELIVERIES)).toEqual([]);
  });

  it('holds a delivery due after the batch until the deadline, then re-emits it unchanged', async () => {
    const { driver, clock } = build();
    const later = deliveryTo({ attempts: 2, nextAttemptAt: T0 + 3_600_000 });
    const result = await driver.pipe(DELIVERIES, [
      { key: later.deliveryId, value: await driver.avro(SUBJECT, later) },
    ]);

    expect(clock.waits).toEqual([BUDGET_MS]);
    const [again] = result.outputs<WebhookDelivery>(DELIVERIES);
    expect(again?.key).toBe(later.deliveryId);
    expect(again?.value).toEqual(later);
    expect(again?.headers[HEADERS.eventId]).toBe(later.alert.eventId);
    expect(result.deadLetters).toEqual([]);
  });

  it('holds a delivery due too late in the batch for an attempt until it is due, then re-emits it', async () => {
    const { driver, clock } = build();
    const late = deliveryTo({ attempts: 1, nextAttemptAt: T0 + 8_000 });
    const result = await driver.pipe(DELIVERIES, [{ value: await driver.avro(SUBJECT, late) }]);

    expect(clock.waits).toEqual([8_000]);
    expect(result.outputs<WebhookDelivery>(DELIVERIES).map((output) => output.value)).toEqual([
      late,
    ]);
  });
});
