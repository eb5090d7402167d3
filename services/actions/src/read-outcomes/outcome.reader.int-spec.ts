import type { Label, Prediction } from '@rtml/contracts';
import { labelFixture, predictionFixture, shadowPredictionFixture } from '@rtml/contracts/testing';
import { useDynamoDb } from '@rtml/testing';
import { DynamoDbLabelStore } from '../join-labels/dynamodb-label.store';
import { DynamoDbScoreStore } from '../store-prediction/dynamodb-score.store';
import { toScoreItem } from '../store-prediction/score-item.mapper';
import {
  alertStateTableDefinition,
  labelsTableDefinition,
  scoresTableDefinition,
} from '../store-prediction/scores-table.definition';
import { ensureTable } from '../store-prediction/table.provisioner';
import { DynamoDbEventClock } from './dynamodb-event-clock.store';
import { OutcomeReader } from './outcome.reader';

const DAY = 86_400_000;
const T = Date.UTC(2018, 3, 1);

// The join of scores, labels and the event clock on the real tables (DynamoDB Local).
describe('the outcomes of a set of events', () => {
  const dynamo = useDynamoDb();
  const entityId = `c-${Date.now().toString(36)}`;
  let reader: OutcomeReader;

  const prediction = (eventId: string, eventTime: number, shadow = false): Prediction => ({
    ...(shadow ? shadowPredictionFixture : predictionFixture),
    eventId,
    entityId,
    eventTime,
    timings: { ...predictionFixture.timings, ingestedAt: Date.now() },
  });
  const label = (transactionId: string, fraud: boolean): Label => ({
    ...labelFixture,
    eventId: `lbl-${transactionId}`,
    transactionId,
    transactionTime: T,
    customerId: entityId,
    fraud,
    eventTime: T + 7 * DAY,
    ingestedAt: Date.now(),
  });

  beforeAll(async () => {
    const [scoresTable, labelsTable, clockTable] = ['scores', 'labels', 'alerts'].map((name) =>
      dynamo.tableName(name),
    ) as [string, string, string];
    await ensureTable(dynamo.client, scoresTableDefinition(scoresTable), { create: true });
    await ensureTable(dynamo.client, labelsTableDefinition(labelsTable), { create: true });
    await ensureTable(dynamo.client, alertStateTableDefinition(clockTable), { create: true });
    const options = { concurrency: 4, timeoutMs: 10_000 };
    const scores = new DynamoDbScoreStore(dynamo.client, { ...options, tableName: scoresTable });
    const labels = new DynamoDbLabelStore(dynamo.client, {
      ...options,
      tableName: labelsTable,
      retentionDays: 90,
    });
    const clock = new DynamoDbEventClock(dynamo.client, { tableName: clockTable });
    await scores.putAll(
      [prediction('old', T, true), prediction('recent', T + 6 * DAY), prediction('fraud', T)].map(
        (p) => toScoreItem(p, 90),
      ),
    );
    await labels.putAll([label('fraud', true), label('unscored', true)]);
    await clock.advance({ eventTime: T + 7 * DAY, eventId: 'tick' });
    reader = new OutcomeReader({ scores, labels, clock, labelDelayMs: 7 * DAY });
  });

  it('joins each stored prediction (and its shadow score) to its label and judges it by one clock', async () => {
    const outcomes = await reader.outcomesOf(['old', 'recent', 'fraud', 'unscored', 'unknown']);

    expect([...outcomes.keys()].sort()).toEqual(['fraud', 'old', 'recent']);
    expect(outcomes.get('old')).toMatchObject({
      shadow: shadowPredictionFixture.shadow,
      label: null,
      matured: true,
      outcome: 'genuine',
    });
    expect(outcomes.get('recent')).toMatchObject({
      label: null,
      matured: false,
      outcome: 'pending',
    });
    expect(outcomes.get('fraud')).toMatchObject({
      label: { fraud: true, labelledAt: T + 7 * DAY },
      outcome: 'fraud',
    });
  });

  it("answers an entity's page with each item's outcome, in event-time order", async () => {
    const page = await reader.entityPage({ entityId, fromMs: 0, toMs: T + DAY * 30, limit: 10 });

    expect(page.items.map((item) => [item.eventId, item.outcome])).toEqual([
      ['fraud', 'fraud'],
      ['old', 'genuine'],
      ['recent', 'pending'],
    ]);
    expect(page.next).toBeUndefined();
  });

  it('answers undefined for an event whose prediction is not stored, even when labelled', async () => {
    expect(await reader.outcomeOf('unscored')).toBeUndefined();
    expect(await reader.outcomeOf('fraud')).toMatchObject({ outcome: 'fraud', matured: true });
  });
});
