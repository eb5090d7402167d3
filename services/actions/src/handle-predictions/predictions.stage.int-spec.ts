import { topicName, valueSubject } from '@rtml/contracts';
import type { Alert, Prediction, WebhookDelivery } from '@rtml/contracts';
import { predictionFixture } from '@rtml/contracts/testing';
import { StageTestDriver } from '@rtml/kafka/testing';
import type { DriverRecord } from '@rtml/kafka/testing';
import { PipelineMetrics } from '@rtml/observability';
import { useDynamoDb } from '@rtml/testing';
import { deliveryIdOf } from '../notify-webhooks/webhook-delivery.factory';
import { webhookTargets } from '../notify-webhooks/webhook-target.factory';
import { alertIdOf } from '../raise-alerts/alert.factory';
import { AlertRaiser } from '../raise-alerts/alert.raiser';
import { DynamoDbAlertStateStore } from '../raise-alerts/dynamodb-alert-state.store';
import { DynamoDbEventClock } from '../read-outcomes/dynamodb-event-clock.store';
import { DynamoDbQualityRowStore } from '../measure-quality/dynamodb-quality-row.store';
import { DynamoDbScoreStore } from '../store-prediction/dynamodb-score.store';
import {
  alertStateTableDefinition,
  qualityTableDefinition,
  scoresTableDefinition,
} from '../store-prediction/scores-table.definition';
import { ensureTable } from '../store-prediction/table.provisioner';
import { predictionsStage } from './predictions.stage';

const PREFIX = 'int';
const HOUR = 3_600_000;
const T0 = Math.floor(Date.now() / HOUR) * HOUR - 24 * HOUR;
const topic = (id: 'predictions' | 'alerts' | 'webhookDeliveries') => topicName(id, PREFIX);

describe('the predictions stage on DynamoDB Local, through the stage test driver', () => {
  const dynamo = useDynamoDb();
  const targets = webhookTargets(['https://a.example.com/hook?token=t', 'https://b.example.com/x']);
  let scores: DynamoDbScoreStore;
  let clock: DynamoDbEventClock;
  let quality: DynamoDbQualityRowStore;
  let driver: StageTestDriver<Prediction>;

  beforeAll(async () => {
    const scoresTable = dynamo.tableName('scores');
    const alertTable = dynamo.tableName('alert-state');
    await ensureTable(dynamo.client, scoresTableDefinition(scoresTable), { create: true });
    await ensureTable(dynamo.client, alertStateTableDefinition(alertTable), { create: true });
    const qualityTable = dynamo.tableName('quality');
    await ensureTable(dynamo.client, qualityTableDefinition(qualityTable), { create: true });
    quality = new DynamoDbQualityRowStore(dynamo.client, {
      tableName: qualityTable,
      concurrency: 4,
      timeoutMs: 10_000,
      retentionDays: 90,
    });
    scores = new DynamoDbScoreStore(dynamo.client, {
      tableName: scoresTable,
      concurrency: 4,
      timeoutMs: 10_000,
    });
    clock = new DynamoDbEventClock(dynamo.client, { tableName: alertTable });
    const alertState = new DynamoDbAlertStateStore(dynamo.client, {
      tableName: alertTable,
      cooldownMs: HOUR,
      retentionDays: 90,
    });
    driver = new StageTestDriver(
      (codec) =>
        predictionsStage({
          reader: codec,
          scores,
          quality,
          clock,
          alerts: new AlertRaiser(alertState, new PipelineMetrics('test')),
          targets,
          alertsTopic: { topic: topic('alerts'), subject: valueSubject('alerts', PREFIX) },
          deliveriesTopic: {
            topic: topic('webhookDeliveries'),
            subject: valueSubject('webhookDeliveries', PREFIX),
          },
          retentionDays: 90,
        }),
      { prefix: PREFIX },
    );
  });

  const prediction = (eventId: string, entityId: string, minutes: number, alerting: boolean) => ({
    ...predictionFixture,
    eventId,
    entityId,
    eventTime: T0 + minutes * 60_000,
    ...(alerting
      ? { score: 0.97, decision: 'ALERT' as const }
      : { score: 0.02, decision: 'ALLOW' as const }),
  });
  const records = (predictions: readonly Prediction[]): Promise<DriverRecord[]> =>
    Promise.all(
      predictions.map(async (p) => ({
        key: p.entityId,
        value: await driver.avro(valueSubject('predictions', PREFIX), p),
      })),
    );

  it('stores every prediction, moves the event clock to the newest, and emits each alert with one delivery per webhook, in source order', async () => {
    const batch = await records([
      prediction('s-1', 'c-calm', 0, false),
      prediction('s-2', 'c-hot', 0, true),
      prediction('s-3', 'c-hot', 30, true),
    ]);
    const poison = { key: 'c-hot', value: Buffer.from('not avro') };
    const result = await driver.pipe(topic('predictions'), [...batch, poison]);

    for (const eventId of ['s-1', 's-2', 's-3'])
      expect(await scores.get(eventId)).toMatchObject({ eventId });
    expect(await clock.read()).toBe(T0 + 30 * 60_000);
    const [alert, ...rest] = result.outputs<Alert>(topic('alerts'));
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({
      key: 'c-hot',
      value: { alertId: alertIdOf('s-2'), eventId: 's-2', score: 0.97 },
    });
    const deliveries = result.outputs<WebhookDelivery>(topic('webhookDeliveries'));
    expect(deliveries.map((d) => [d.key, d.value.webhookId, d.value.attempts])).toEqual(
      targets.map((t) => [deliveryIdOf(alertIdOf('s-2'), t.id), t.id, 0]),
    );
    for (const delivery of deliveries) {
      expect(delivery.value.alert).toEqual(alert?.value);
      expect(delivery.value.nextAttemptAt).toBe(alert?.value.createdAt);
    }
    expect(JSON.stringify(deliveries)).not.toContain('token=t');
    expect(result.records.map((record) => record.topic)).toEqual([
      topic('alerts'),
      topic('webhookDeliveries'),
      topic('webhookDeliveries'),
      topicName('deadLetters', PREFIX),
    ]);
  });

  it('writes the very same alert and deliveries again when a batch is processed again', async () => {
    const batch = await records([prediction('r-1', 'c-again', 0, true)]);
    const first = await driver.pipe(topic('predictions'), batch);
    const again = await driver.pipe(topic('predictions'), batch);

    expect(first.outputs(topic('alerts'))).toHaveLength(1);
    expect(again.outputs(topic('alerts'))).toEqual(first.outputs(topic('alerts')));
    expect(again.outputs(topic('webhookDeliveries'))).toEqual(
      first.outputs(topic('webhookDeliveries')),
    );
    expect(await scores.get('r-1')).toMatchObject({ eventId: 'r-1', decision: 'ALERT' });
  });
});
