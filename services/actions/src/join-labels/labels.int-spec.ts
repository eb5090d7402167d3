import 'reflect-metadata';
import { GetItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { valueSubject } from '@rtml/contracts';
import type { DeadLetter, Label, Prediction } from '@rtml/contracts';
import { labelFixture, predictionFixture } from '@rtml/contracts/testing';
import { eventually, freePort, testEndpoints, useDynamoDb, useKafka } from '@rtml/testing';
import { ActionsServiceHarness, predictionOf } from '../testing/actions-service.harness';
import { toLabelItem } from './label-item.mapper';

const API_KEY = 'labels-suite-key';
const DAY = 86_400_000;
const DELAY = 7 * DAY; // LABEL_DELAY_DAYS' default
const NOW = Date.now();
// Event times of two months ago, ingested now (items expire a retention after ingestion). The
// event clock is shared by the suite and only moves forward: each test keeps to event times
// later than the ones before it.
const T0 = Math.floor(NOW / 3_600_000) * 3_600_000 - 60 * DAY;

type Outcome = Prediction & {
  expiresAt: number;
  label: { fraud: boolean; labelledAt: number } | null;
  matured: boolean;
  outcome: 'fraud' | 'genuine' | 'pending';
};

describe('the actions service joining labels to the stored predictions', () => {
  const kafka = useKafka();
  const dynamo = useDynamoDb();
  const deadLetters: DeadLetter[] = [];
  let harness: ActionsServiceHarness;

  beforeAll(async () => {
    harness = new ActionsServiceHarness({
      kafka: kafka.kafka,
      endpoints: testEndpoints(),
      prefix: kafka.prefix.replace(/\.$/, ''),
      httpPort: await freePort(),
      tableName: dynamo.tableName,
      env: {
        API_KEYS: API_KEY,
      },
    });
    kafka.adoptTopics(harness.topicNames);
    for (const group of harness.groupNames) kafka.groupId(group);
    await harness.start();
    await harness.collectDeadLetters(kafka.groupId('reader-dead-letters'), deadLetters);
  }, 120_000);
  afterAll(() => harness?.stop());

  const prediction = (eventId: string, entityId: string, eventTime: number): Prediction =>
    predictionOf(eventId, entityId, eventTime, {
      score: 0.1,
      decision: 'ALLOW',
      timings: { ...predictionFixture.timings, ingestedAt: NOW },
    });
  const label = (of: Prediction, fraud: boolean, id = `lbl-${of.eventId}`): Label => ({
    ...labelFixture,
    eventId: id,
    transactionId: of.eventId,
    transactionTime: of.eventTime,
    customerId: of.entityId,
    fraud,
    eventTime: of.eventTime + DAY,
    ingestedAt: NOW,
  });
  const predictionsSettled = async (predictions: readonly Prediction[]) => {
    await harness.produce(predictions);
    await eventually(
      async () => expect(await harness.uncommitted(kafka.committedOffsets)).toBe(0),
      { timeoutMs: 40_000, description: 'the predictions to be committed' },
    );
  };
  const labelsSettled = async (labels: readonly Label[]) => {
    await harness.produceLabels(labels);
    await eventually(
      async () => expect(await harness.uncommittedLabels(kafka.committedOffsets)).toBe(0),
      { timeoutMs: 40_000, description: 'the labels to be committed' },
    );
  };
  const get = (path: string) =>
    fetch(`${harness.baseUrl}${path}`, { headers: { 'x-api-key': API_KEY } });
  const outcomeOf = async (eventId: string): Promise<Outcome> => {
    const response = await get(`/v1/scores/${eventId}`);
    expect(response.status).toBe(200);
    return (await response.json()) as Outcome;
  };
  const labelItems = async (eventId: string) => {
    const { Items = [] } = await dynamo.client.send(
      new ScanCommand({ TableName: harness.tables.labels, ConsistentRead: true }),
    );
    return Items.map((item) => unmarshall(item)).filter((item) => item['eventId'] === eventId);
  };

  it('joins a label stored before its prediction and one stored after it, by event id, through both reads', async () => {
    const early = prediction('join-early', 'c-join', T0);
    const late = prediction('join-late', 'c-join', T0 + 60_000);
    await labelsSettled([label(early, true)]);
    expect((await get('/v1/scores/join-early')).status).toBe(404);

    await predictionsSettled([early, late]);
    await labelsSettled([label(late, false)]);

    expect(await outcomeOf('join-early')).toEqual({
      ...early,
      expiresAt: expect.any(Number),
      label: { fraud: true, labelledAt: early.eventTime + DAY },
      matured: false,
      outcome: 'fraud',
    });
    const page = (await (await get('/v1/entities/c-join/scores')).json()) as { items: Outcome[] };
    expect(page.items.map((item) => [item.eventId, item.label, item.outcome])).toEqual([
      ['join-early', { fraud: true, labelledAt: early.eventTime + DAY }, 'fraud'],
      ['join-late', { fraud: false, labelledAt: late.eventTime + DAY }, 'genuine'],
    ]);
  });

  it('leaves one item for a redelivered label, and a replayed older label does not replace a newer one', async () => {
    const scored = prediction('dup-1', 'c-dup', T0 + 2 * 60_000);
    const newer = label(scored, true, 'lbl-dup-newer');
    const older = { ...label(scored, false, 'lbl-dup-older'), eventTime: newer.eventTime - 1 };

    await labelsSettled([newer]);
    const stored = await labelItems('dup-1');
    await labelsSettled([newer]); // the same record again, as after a crash before its commit
    await labelsSettled([older]);

    expect(stored).toEqual([toLabelItem(newer, 90)]);
    expect(await labelItems('dup-1')).toEqual(stored);
  });

  it('flips an unlabelled event from pending to matured and genuine once the event clock reaches its time plus the delay', async () => {
    const at = T0 + 20 * DAY;
    await predictionsSettled([prediction('mature-1', 'c-mature', at)]);
    expect(await outcomeOf('mature-1')).toMatchObject({
      label: null,
      matured: false,
      outcome: 'pending',
    });

    await predictionsSettled([prediction('mature-tick-1', 'c-other', at + DELAY - 1)]);
    expect(await outcomeOf('mature-1')).toMatchObject({ matured: false, outcome: 'pending' });

    await predictionsSettled([prediction('mature-tick-2', 'c-other', at + DELAY)]);
    expect(await outcomeOf('mature-1')).toMatchObject({
      label: null,
      matured: true,
      outcome: 'genuine',
    });
    expect(await outcomeOf('mature-tick-2')).toMatchObject({ matured: false, outcome: 'pending' });
  });

  it('dead-letters malformed label records with their reason and stores the valid label after them', async () => {
    const prefix = kafka.prefix.replace(/\.$/, '');
    const valid = label(prediction('poison-after', 'c-poison', T0 + 3 * 60_000), true);
    const ofAnotherSchema = await harness.serde.encode(
      valueSubject('predictions', prefix),
      prediction('poison-p', 'c-poison', T0),
    );
    const outOfRange = await harness.serde.encode(valueSubject('labels', prefix), {
      ...valid,
      transactionId: '',
    });
    await harness.produceRawLabels(
      [Buffer.from('not avro'), ofAnotherSchema, outOfRange],
      'c-poison',
    );
    await labelsSettled([valid]);

    const letters = () =>
      deadLetters.filter((letter) => letter.originalTopic === harness.topics.labels);
    await eventually(() => expect(letters()).toHaveLength(3), {
      timeoutMs: 20_000,
      description: 'the malformed labels to be dead-lettered',
    });
    expect(letters().map((letter) => letter.errorCode)).toEqual([
      'UNDECODABLE',
      'SCHEMA_INVALID',
      'OUT_OF_RANGE',
    ]);
    for (const letter of letters()) expect(letter.reason.length).toBeGreaterThan(0);
    const { Item } = await dynamo.client.send(
      new GetItemCommand({
        TableName: harness.tables.labels,
        Key: marshall({ eventId: 'poison-after' }),
        ConsistentRead: true,
      }),
    );
    expect(Item && unmarshall(Item)).toEqual(toLabelItem(valid, 90));
  });
});
