import { topicName, valueSubject } from '@rtml/contracts';
import type { EnrichedEvent, Prediction } from '@rtml/contracts';
import { enrichedEventFixture } from '@rtml/contracts/testing';
import { HANDBOOK_15 } from '@rtml/feature-engine';
import { StageTestDriver } from '@rtml/kafka/testing';
import { ServingModels } from '../model/serving-models.holder';
import {
  HANDBOOK_LAYOUT,
  RecordingScorer,
  servingModelFixture,
} from '../testing/serving-model.fixture';
import { scoreStage } from './score.stage';

const PREFIX = 'unit';
const ENRICHED = topicName('enrichedEvents', PREFIX);
const PREDICTIONS = topicName('predictions', PREFIX);

/** An enriched event carrying all of the handbook's 15 features, valued by position. */
const enriched = (
  eventId: string,
  features = HANDBOOK_LAYOUT.names.map((name, i) => ({ name, value: i })),
) =>
  ({
    ...enrichedEventFixture,
    eventId,
    featureSet: { name: HANDBOOK_15.name, version: String(HANDBOOK_15.version) },
    features,
  }) satisfies EnrichedEvent;

describe('the scoring stage, broker-free', () => {
  const models = new ServingModels();
  const width = HANDBOOK_LAYOUT.names.length;
  models.install(
    'champion',
    servingModelFixture('3', { scorer: new RecordingScorer(width, () => 0.9) }),
  );
  models.install(
    'challenger',
    servingModelFixture('4', { scorer: new RecordingScorer(width, () => 0.1) }),
  );
  const driver = new StageTestDriver(
    (codec) =>
      scoreStage({
        reader: codec,
        models,
        predictions: { topic: PREDICTIONS, subject: valueSubject('predictions', PREFIX) },
        maxBatch: 2,
        championWaitMs: 0,
      }),
    { prefix: PREFIX },
  );
  const record = async (event: EnrichedEvent) => ({
    key: event.entityId,
    value: await driver.avro(valueSubject('enrichedEvents', PREFIX), event),
  });

  it('scores every event with the champion, shadows the challenger, and keys by entity', async () => {
    const result = await driver.pipe(ENRICHED, [
      await record(enriched('e-1')),
      await record(enriched('e-2')),
      await record(enriched('e-3')),
    ]);

    const predictions = result.outputs<Prediction>(PREDICTIONS);
    expect(predictions.map((p) => p.value.eventId)).toEqual(['e-1', 'e-2', 'e-3']);
    expect(predictions[0]).toMatchObject({
      key: enrichedEventFixture.entityId,
      value: {
        score: expect.closeTo(0.9, 6),
        model: { name: 'card-fraud', version: '3' },
        shadow: { score: expect.closeTo(0.1, 6), model: { version: '4' } },
      },
    });
  });

  it('dead-letters an event whose vector the champion cannot read, and scores the others', async () => {
    const missing = enriched(
      'short',
      HANDBOOK_LAYOUT.names.slice(1).map((name) => ({ name, value: 1 })),
    );

    const result = await driver.pipe(ENRICHED, [
      await record(enriched('fine')),
      await record(missing),
    ]);

    expect(result.outputs<Prediction>(PREDICTIONS).map((p) => p.value.eventId)).toEqual(['fine']);
    expect(result.deadLetters).toEqual([
      expect.objectContaining({
        originalTopic: ENRICHED,
        service: 'scoring',
        errorCode: expect.any(String),
      }),
    ]);
  });

  it('retries the batch, dead-lettering nothing, while no champion is loaded', async () => {
    const empty = new StageTestDriver(
      (codec) =>
        scoreStage({
          reader: codec,
          models: new ServingModels(),
          predictions: { topic: PREDICTIONS, subject: valueSubject('predictions', PREFIX) },
          maxBatch: 10,
          championWaitMs: 0,
        }),
      { prefix: PREFIX },
    );
    const value = await empty.avro(valueSubject('enrichedEvents', PREFIX), enriched('waiting'));

    await expect(empty.pipe(ENRICHED, [{ value }])).rejects.toMatchObject({
      code: 'DEPENDENCY_UNAVAILABLE',
      retriable: true,
    });
  });
});
