import { topicName, valueSubject } from '@rtml/contracts';
import type { Alert } from '@rtml/contracts';
import { labelFixture, predictionFixture } from '@rtml/contracts/testing';
import { AppError } from '@rtml/errors';
import { StageTestDriver } from '@rtml/kafka/testing';
import { PipelineMetrics } from '@rtml/observability';
import { webhookTargets } from '../notify-webhooks/webhook-target.factory';
import { AlertRaiser } from '../raise-alerts/alert.raiser';
import { AlertStateStore } from '../raise-alerts/dynamodb-alert-state.store';
import type { AlertClaim } from '../raise-alerts/dynamodb-alert-state.store';
import { EventClock } from '../read-outcomes/event-clock.store';
import { ScoreStore } from '../store-prediction/score.store';
import type { EntityScoresPage } from '../store-prediction/score.store';
import type { StoredScore } from '../store-prediction/stored-score.mapper';
import type { QualityRow } from '../measure-quality/quality-row.mapper';
import { QualityRowStore } from '../measure-quality/quality-row.store';
import { predictionsStage } from './predictions.stage';

// Broker-free and server-free: only what the stage decides before it touches DynamoDB. Storing
// and alerting are in predictions.stage.int-spec.ts, against DynamoDB Local.

const PREFIX = 'unit';
const topic = (id: 'predictions' | 'alerts' | 'webhookDeliveries') => topicName(id, PREFIX);

const unreachable = (): never => {
  throw new Error('a record invalid on its own reached the storage');
};

/** Storage the records of these tests must never reach. */
class UnreachableScores extends ScoreStore {
  putAll(): Promise<void> {
    return unreachable();
  }
  get(): Promise<StoredScore | undefined> {
    return unreachable();
  }
  getMany(): Promise<ReadonlyMap<string, StoredScore>> {
    return unreachable();
  }
  listByEntity(): Promise<EntityScoresPage> {
    return unreachable();
  }
}

class UnreachableQuality extends QualityRowStore {
  putBatch(): Promise<void> {
    return unreachable();
  }
  rowsOfDay(): Promise<QualityRow[]> {
    return unreachable();
  }
}

class UnreachableClock extends EventClock {
  advance(): Promise<void> {
    return unreachable();
  }
  read(): Promise<number | undefined> {
    return unreachable();
  }
}

class UnreachableAlertState extends AlertStateStore {
  claim(): Promise<AlertClaim> {
    return unreachable();
  }
}

const build = (reader?: { decode(buffer: Buffer): Promise<unknown> }) =>
  new StageTestDriver(
    (codec) =>
      predictionsStage({
        reader: reader ?? codec,
        scores: new UnreachableScores(),
        quality: new UnreachableQuality(),
        clock: new UnreachableClock(),
        alerts: new AlertRaiser(new UnreachableAlertState(), new PipelineMetrics('test')),
        targets: webhookTargets(['https://cases.example.com/hook']),
        alertsTopic: { topic: topic('alerts'), subject: valueSubject('alerts', PREFIX) },
        deliveriesTopic: {
          topic: topic('webhookDeliveries'),
          subject: valueSubject('webhookDeliveries', PREFIX),
        },
        retentionDays: 90,
      }),
    { prefix: PREFIX },
  );

describe('the predictions stage, before any storage', () => {
  it('dead-letters what can never be stored, and stores, alerts and delivers nothing for it', async () => {
    const driver = build();
    const result = await driver.pipe(topic('predictions'), [
      { key: 'c-1', value: null },
      { key: 'c-1', value: Buffer.from('not avro') },
      { key: 'c-1', value: await driver.avro(valueSubject('labels', PREFIX), labelFixture) },
      {
        key: 'c-1',
        value: await driver.avro(valueSubject('predictions', PREFIX), {
          ...predictionFixture,
          decision: 'ALERT',
          features: [{ name: 'tiny', value: 1e-200 }],
        }),
      },
    ]);

    expect(result.deadLetters.map((letter) => letter.errorCode)).toEqual([
      'UNDECODABLE',
      'UNDECODABLE',
      'SCHEMA_INVALID',
      'OUT_OF_RANGE',
    ]);
    for (const letter of result.deadLetters)
      expect(letter).toMatchObject({ originalTopic: topic('predictions'), service: 'actions' });
    expect(result.outputs<Alert>(topic('alerts'))).toEqual([]);
    expect(result.outputs(topic('webhookDeliveries'))).toEqual([]);
  });

  it('retries the whole batch when the registry does not answer, dead-lettering nothing', async () => {
    const down = { decode: () => Promise.reject(new AppError('DEPENDENCY_UNAVAILABLE', 'down')) };
    const driver = build(down);

    await expect(
      driver.pipe(topic('predictions'), [
        { value: await driver.avro(valueSubject('predictions', PREFIX), predictionFixture) },
      ]),
    ).rejects.toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', retriable: true });
  });
});
