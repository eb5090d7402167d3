/**
 * @jest-environment ./tools/ml/src/model/onnx-runtime.test-environment.ts
 */
import type { EnrichedEvent } from '@rtml/contracts';
import { binCounts, populationStability } from '@rtml/model-training';
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

jest.setTimeout(120_000);

describe('drift of the serving model, measured by the running scoring service', () => {
  let harness: ScoringServiceHarness;
  afterAll(() => harness?.stop());
  const kafka = useKafka();
  const { client, bucket } = useS3Bucket();
  const endpoints = testEndpoints();
  const artifact = trainArtifact({ seed: 1 });
  const reference = artifact.manifest.reference!;
  const produced: EnrichedEvent[] = [];
  let version = '';

  beforeAll(async () => {
    harness = new ScoringServiceHarness({
      kafka: kafka.kafka,
      schemaRegistryUrl: kafka.schemaRegistryUrl,
      prefix: kafka.prefix.slice(0, -1),
      s3: client,
      bucket,
      modelName: uniqueId('drift'),
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
    version = await harness.models.release(artifact);
    await harness.start({
      HTTP_PORT: String(await freePort()),
      MODEL_POLL_MS: '200',
      DRIFT_MIN_EVENTS: '500',
    });
  });

  const send = async (events: EnrichedEvent[]) => {
    produced.push(...events);
    await harness.produce(events);
    const ids = new Set(produced.map((event) => event.eventId));
    await eventually(() => {
      const scored = harness.predictions.filter((p) => ids.has(p.eventId)).length;
      if (scored < ids.size) throw new Error(`${scored} of ${ids.size} scored`);
    });
  };

  /** The PSI of every input and of the score over everything produced, computed offline. */
  const offline = async () => {
    const scores = await scoreDirectly(artifact.model, produced);
    const column = (i: number) => produced.map((event) => event.features[i]!.value);
    return {
      features: reference.features.map((d, i) =>
        populationStability(d, binCounts(d.edges, column(i))),
      ),
      score: populationStability(reference.score, binCounts(reference.score.edges, scores)),
    };
  };

  const gauge = (input: string) =>
    harness.metric('rtml_model_drift_psi', { role: 'champion', version, input });

  /** The gauges once they count every event produced (they are set after each batch). */
  const gaugesOnceCaughtUp = () =>
    eventually(async () => {
      const events = await harness.metric('rtml_model_drift_events', { role: 'champion', version });
      if (events !== produced.length) throw new Error(`the window holds ${events} events`);
      const names = produced[0]!.features.map((feature) => feature.name);
      return {
        features: await Promise.all(names.map((name) => gauge(name))),
        score: await gauge('score'),
      };
    });

  it('exports each input’s and the score’s PSI over the window, equal to an offline computation on the same events', async () => {
    await send(harness.events(400, 11));

    const measured = await gaugesOnceCaughtUp();
    const expected = await offline();
    measured.features.forEach((psi, i) => expect(psi).toBeCloseTo(expected.features[i]!, 9));
    expect(measured.score).toBeCloseTo(expected.score, 9);
    // Drawn like the reference: no input has shifted, no model alert.
    expect(Math.max(...(measured.features as number[]))).toBeLessThan(0.1);
    expect(harness.modelAlerts).toEqual([]);
  });

  it('shows a shift of one input past the high threshold, and only that input', async () => {
    const shifted = harness.events(1_200, 12).map((event) => ({
      ...event,
      features: event.features.map((feature) =>
        feature.name === 'TX_AMOUNT' ? { ...feature, value: feature.value * 10 } : feature,
      ),
    }));
    await send(shifted);

    const measured = await gaugesOnceCaughtUp();
    const expected = await offline();
    measured.features.forEach((psi, i) => expect(psi).toBeCloseTo(expected.features[i]!, 9));
    const names = produced[0]!.features.map((feature) => feature.name);
    const amount = names.indexOf('TX_AMOUNT');
    expect(measured.features[amount]).toBeGreaterThan(0.25);
    expect(
      Math.max(...measured.features.filter((_, i) => i !== amount).map((psi) => psi as number)),
    ).toBeLessThan(0.1);

    // One model alert for the amount, raised once however many batches stayed above 0.25 (the
    // score, which follows the amount, may raise its own).
    const alerts = await eventually(() => {
      const raised = harness.modelAlerts.filter((alert) => alert.input === 'TX_AMOUNT');
      if (raised.length === 0) throw new Error('no model alert for TX_AMOUNT');
      return harness.modelAlerts;
    });
    await harness.produce(harness.events(20, 13)); // a later batch: nothing new to raise
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const inputs = harness.modelAlerts.map((alert) => alert.input);
    expect(inputs.filter((input) => input === 'TX_AMOUNT')).toHaveLength(1);
    expect(new Set(inputs).size).toBe(inputs.length);
    expect(inputs.every((input) => input === 'TX_AMOUNT' || input === 'score')).toBe(true);
    const [amountAlert] = alerts.filter((alert) => alert.input === 'TX_AMOUNT');
    expect(amountAlert).toMatchObject({
      kind: 'DRIFT',
      model: { version },
      role: 'champion',
      threshold: 0.25,
    });
    expect(amountAlert!.psi).toBeGreaterThanOrEqual(0.25);
    expect(amountAlert!.events).toBeGreaterThanOrEqual(500);
    expect(amountAlert!.windowTo - amountAlert!.windowFrom).toBeGreaterThan(0);
  });
});
