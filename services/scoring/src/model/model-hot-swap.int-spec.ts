/**
 * @jest-environment ./tools/ml/src/model/onnx-runtime.test-environment.ts
 */
import type { EnrichedEvent, Prediction } from '@rtml/contracts';
import { HANDBOOK_15_MAX } from '@rtml/feature-engine';
import {
  eventually,
  freePort,
  testEndpoints,
  uniqueId,
  useKafka,
  useS3Bucket,
} from '@rtml/testing';
import { scoreDirectly } from '../testing/enriched-events.fixture';
import { ScoringServiceHarness } from '../testing/scoring-service.harness';
import { trainArtifact } from '../testing/trained-model.fixture';
import type { TrainedArtifact } from '../testing/trained-model.fixture';

jest.setTimeout(120_000);

describe('swapping models in a running scoring service', () => {
  let harness: ScoringServiceHarness;
  afterAll(() => harness?.stop()); // before the topics and bucket are removed
  const kafka = useKafka();
  const { client, bucket } = useS3Bucket();
  const modelName = uniqueId('fraud');
  const endpoints = testEndpoints();
  const artifacts = new Map<string, TrainedArtifact>();
  const produced: EnrichedEvent[] = [];
  let seed = 0;

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
    const first = trainArtifact({ seed: 1 });
    artifacts.set(await harness.models.release(first), first);
    await harness.start({
      HTTP_PORT: String(await freePort()),
      MODEL_POLL_MS: '150',
      MAX_BATCH: '8',
    });
    await eventually(async () => expect((await harness.readiness()).status).toBe(200), {
      timeoutMs: 30_000,
    });
  });

  const predictedOnce = (events: readonly EnrichedEvent[]): Prediction[] => {
    const ids = new Set(events.map((event) => event.eventId));
    const mine = harness.predictions.filter((prediction) => ids.has(prediction.eventId));
    if (mine.length < ids.size) throw new Error(`${mine.length} of ${ids.size} predictions`);
    return mine;
  };

  /**
   * Produces chunks of events, each once the previous one is scored, until `done` holds for the
   * predictions so far (then two more chunks): a steady stream without sleeping.
   */
  async function streamUntil(
    done: (predictions: Prediction[]) => boolean,
  ): Promise<EnrichedEvent[]> {
    const streamed: EnrichedEvent[] = [];
    let extra = -1;
    for (let chunk = 0; extra < 2; chunk++) {
      if (chunk > 300) throw new Error('the stream never reached its condition');
      const events = harness.events(6, (seed += 1));
      streamed.push(...events);
      produced.push(...events);
      await harness.produce(events);
      const predictions = await eventually(() => predictedOnce(streamed));
      if (extra >= 0 || done(predictions)) extra += 1;
    }
    return streamed;
  }

  /** Every prediction's score is what ONNX Runtime gives for its version (and its shadow's). */
  async function expectScoresOfTheirVersions(events: readonly EnrichedEvent[]): Promise<void> {
    const byId = new Map(harness.predictions.map((p) => [p.eventId, p]));
    for (const [version, artifact] of artifacts) {
      const scoredBy = (p: Prediction | undefined, shadow: boolean) =>
        (shadow ? p?.shadow?.model.version : p?.model.version) === version;
      for (const shadow of [false, true]) {
        const mine = events.filter((event) => scoredBy(byId.get(event.eventId), shadow));
        if (mine.length === 0) continue;
        const expected = await scoreDirectly(artifact.model, mine);
        mine.forEach((event, row) => {
          const prediction = byId.get(event.eventId)!;
          const score = shadow ? prediction.shadow!.score : prediction.score;
          expect(score).toBe(expected[row]);
        });
      }
    }
  }

  const versionsOf = (predictions: readonly Prediction[]) =>
    new Set(predictions.map((p) => p.model.version));

  it('switches to a newly promoted champion between batches, scoring every event exactly once', async () => {
    const next = trainArtifact({ seed: 2, trees: 30 });
    let promotion: Promise<string> | undefined;

    const streamed = await streamUntil((predictions) => {
      if (predictions.length >= 30) promotion ??= harness.models.release(next); // promoted mid-stream
      return versionsOf(predictions).has('2');
    });
    artifacts.set(await promotion!, next);

    const counts = new Map<string, number>();
    for (const p of harness.predictions) counts.set(p.eventId, (counts.get(p.eventId) ?? 0) + 1);
    const mine = predictedOnce(streamed);
    expect(mine).toHaveLength(streamed.length);
    expect(streamed.every((event) => counts.get(event.eventId) === 1)).toBe(true);
    expect(versionsOf(mine)).toEqual(new Set(['1', '2']));
    const lastOfFirst = Math.max(
      ...mine.filter((p) => p.model.version === '1').map((p) => p.timings.scoredAt),
    );
    const firstOfSecond = Math.min(
      ...mine.filter((p) => p.model.version === '2').map((p) => p.timings.scoredAt),
    );
    expect(lastOfFirst).toBeLessThanOrEqual(firstOfSecond);
    await expectScoresOfTheirVersions(streamed);
    expect(await harness.metric('rtml_model_info', { role: 'champion', version: '2' })).toBe(1);
    expect(
      await harness.metric('rtml_model_info', { role: 'champion', version: '1' }),
    ).toBeUndefined();
  });

  it('refuses a corrupted champion and one of another feature set, once each, and keeps serving', async () => {
    const serving = (await harness.models.registry.resolveAlias(modelName, 'champion')).pointer
      .version;
    const refused = () =>
      harness.metric('rtml_model_loads_total', { role: 'champion', outcome: 'refused' });

    const corrupted = await harness.models.releaseCorrupted(trainArtifact({ seed: 3 }));
    await eventually(async () => expect(await refused()).toBe(1));
    const otherSet = await harness.models.release(
      trainArtifact({ seed: 4, featureSet: HANDBOOK_15_MAX }),
    );
    await eventually(async () => expect(await refused()).toBe(2));
    const streamed = await streamUntil(() => true);

    expect([corrupted, otherSet]).toEqual(['3', '4']);
    expect(versionsOf(predictedOnce(streamed))).toEqual(new Set([serving]));
    expect(await refused()).toBe(2);
    expect((await harness.readiness()).status).toBe(200);
    expect(await harness.metric('rtml_model_info', { role: 'champion', version: serving })).toBe(1);
    expect(
      await harness.metric('rtml_model_info', { role: 'champion', version: '3' }),
    ).toBeUndefined();
  });

  it('scores the challenger in shadow, never acting on it, and stops once it is cleared', async () => {
    const challenger = trainArtifact({ seed: 5, trees: 15, threshold: 0.1 });
    const version = await harness.models.release(challenger, 'challenger');
    artifacts.set(version, challenger);

    const shadowed = await streamUntil((predictions) => predictions.some((p) => p.shadow !== null));
    await harness.models.registry.clearAlias(modelName, 'challenger');
    const cleared = await streamUntil((predictions) => predictions.at(-1)?.shadow === null);

    const withShadow = predictedOnce([...shadowed, ...cleared]).filter((p) => p.shadow !== null);
    expect(withShadow.length).toBeGreaterThan(0);
    for (const p of withShadow) {
      expect(p.shadow).toEqual({
        model: { name: modelName, version },
        score: p.shadow!.score,
        decision: p.shadow!.score >= 0.1 ? 'ALERT' : 'ALLOW',
      });
      expect(p.decision).toBe(p.score >= p.threshold ? 'ALERT' : 'ALLOW');
    }
    await expectScoresOfTheirVersions([...shadowed, ...cleared]);
    const lastShadow = Math.max(...withShadow.map((p) => p.timings.scoredAt));
    const tail = predictedOnce(cleared).filter((p) => p.timings.scoredAt > lastShadow);
    expect(tail.length).toBeGreaterThan(0);
    expect(tail.every((p) => p.shadow === null)).toBe(true);
    expect(
      await harness.metric('rtml_model_info', { role: 'challenger', version }),
    ).toBeUndefined();
    expect(new Set(produced.map((e) => e.eventId)).size).toBe(produced.length);
  });
});
