/**
 * @jest-environment ./tools/ml/src/model/onnx-runtime.test-environment.ts
 */
import {
  eventually,
  freePort,
  testEndpoints,
  uniqueId,
  useKafka,
  useS3Bucket,
} from '@rtml/testing';
import type { EnrichedEvent, Prediction } from '@rtml/contracts';
import { HEADERS } from '@rtml/contracts';
import { scoreDirectly } from '../testing/enriched-events.fixture';
import { ScoringServiceHarness } from '../testing/scoring-service.harness';
import { trainArtifact } from '../testing/trained-model.fixture';

describe('the scoring service on real Kafka, schema registry and S3', () => {
  let harness: ScoringServiceHarness;
  afterAll(() => harness?.stop()); // before the topics and bucket are removed
  const kafka = useKafka();
  const { client, bucket } = useS3Bucket();
  const modelName = uniqueId('fraud');
  const endpoints = testEndpoints();

  beforeAll(async () => {
    harness = new ScoringServiceHarness({
      kafka: kafka.kafka,
      schemaRegistryUrl: kafka.schemaRegistryUrl,
      prefix: kafka.prefix.slice(0, -1),
      s3: client,
      bucket,
      modelName,
      env: {
        KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
        SCHEMA_REGISTRY_URL: endpoints.schemaRegistryUrl,
        S3_ENDPOINT: endpoints.s3Endpoint,
        AWS_REGION: endpoints.credentials.region,
        AWS_ACCESS_KEY_ID: endpoints.credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: endpoints.credentials.secretAccessKey,
      },
    });
    kafka.adoptTopics(harness.topics);
    kafka.groupId('rtml.scoring');
    kafka.groupId('test-reader');
    await harness.start({
      HTTP_PORT: String(await freePort()),
      MODEL_POLL_MS: '200',
      MAX_BATCH: '16',
    });
  });

  const predictionsOf = (events: readonly EnrichedEvent[]): Promise<Map<string, Prediction>> =>
    eventually(
      () => {
        const ids = new Set(events.map((event) => event.eventId));
        const found = new Map(
          harness.predictions.filter((p) => ids.has(p.eventId)).map((p) => [p.eventId, p]),
        );
        if (found.size < ids.size) throw new Error(`${found.size} of ${ids.size} predictions`);
        return found;
      },
      { description: 'the predictions of every event' },
    );

  it('is not ready until a champion exists, then scores every event with it, as ONNX Runtime does', async () => {
    const waiting = await eventually(
      async () => {
        const readiness = await harness.readiness();
        if (readiness.checks['model']?.error?.includes('no champion in bucket') !== true) {
          throw new Error(JSON.stringify(readiness.checks['model']));
        }
        return readiness;
      },
      { description: 'readiness to name the missing champion' },
    );
    const early = harness.events(10, 1);
    await harness.produce(early);

    const model = trainArtifact({ seed: 1, threshold: 0.3 });
    const version = await harness.models.release(model);
    await eventually(async () => expect((await harness.readiness()).status).toBe(200));
    const later = harness.events(40, 2);
    await harness.produce(later);
    const events = [...early, ...later];
    const predictions = await predictionsOf(events);

    expect(waiting.status).toBe(503);
    expect(waiting.checks['model']).toEqual({
      ok: false,
      error: `no champion model serves: model ${modelName} has no champion in bucket ${bucket} yet`,
    });
    const expected = await scoreDirectly(model.model, events);
    events.forEach((event, row) => {
      const prediction = predictions.get(event.eventId)!;
      expect(prediction.score).toBe(expected[row]);
      expect(prediction).toEqual({
        eventId: event.eventId,
        eventTime: event.eventTime,
        entityId: event.entityId,
        score: prediction.score,
        threshold: 0.3,
        decision: prediction.score >= 0.3 ? 'ALERT' : 'ALLOW',
        model: { name: modelName, version },
        featureSet: { name: 'handbook-15', version: '1' },
        features: event.features,
        shadow: null,
        timings: {
          ingestedAt: event.timings.ingestedAt,
          enrichedAt: event.timings.enrichedAt,
          scoredAt: expect.any(Number),
          scoringMs: expect.any(Number),
        },
      });
      expect(prediction.timings.scoredAt).toBeGreaterThanOrEqual(event.timings.enrichedAt);
    });
    expect(new Set([...predictions.values()].map((p) => p.decision))).toEqual(
      new Set(['ALERT', 'ALLOW']),
    );
    const header = harness.predictionHeaders.find((h) => h[HEADERS.eventId] === later[0]!.eventId);
    expect(header?.[HEADERS.traceId]).toBe(`trace-${later[0]!.eventId}`);
    expect(
      await harness.metric('rtml_model_info', { role: 'champion', model: modelName, version }),
    ).toBe(1);
    expect(
      await harness.metric('rtml_model_loads_total', { role: 'champion', outcome: 'loaded' }),
    ).toBe(1);
  });

  it('dead-letters events the model cannot take, with the reason, and scores the rest of the batch', async () => {
    const good = harness.events(5, 3);
    const otherVersion = harness.events(1, 4, {
      featureSet: { name: 'handbook-15', version: '2' },
    });
    const [incomplete] = harness.events(1, 5);
    const missing = { ...incomplete!, features: incomplete!.features.slice(1) };

    await harness.produce([...good, ...otherVersion, missing], [Buffer.from('not avro')]);
    await predictionsOf(good);
    const letters = await eventually(() => {
      if (harness.deadLetters.length < 3)
        throw new Error(`${harness.deadLetters.length} dead letters`);
      return harness.deadLetters;
    });

    expect(
      letters.map(({ errorCode, reason, service, originalTopic }) => ({
        errorCode,
        reason,
        service,
        originalTopic,
      })),
    ).toEqual(
      expect.arrayContaining([
        {
          errorCode: 'SCHEMA_INVALID',
          reason: 'feature set is handbook-15 v2, the model takes handbook-15 v1',
          service: 'scoring',
          originalTopic: harness.topic('enrichedEvents'),
        },
        {
          errorCode: 'SCHEMA_INVALID',
          reason: 'feature names differ: missing TX_AMOUNT',
          service: 'scoring',
          originalTopic: harness.topic('enrichedEvents'),
        },
        {
          errorCode: 'UNDECODABLE',
          reason: 'the value is not Avro in the Confluent wire format',
          service: 'scoring',
          originalTopic: harness.topic('enrichedEvents'),
        },
      ]),
    );
    const ids = new Set(harness.predictions.map((p) => p.eventId));
    expect(ids.has(otherVersion[0]!.eventId) || ids.has(missing.eventId)).toBe(false);
    expect(await harness.metric('rtml_dead_letters_total', { code: 'SCHEMA_INVALID' })).toBe(2);
  });
});
