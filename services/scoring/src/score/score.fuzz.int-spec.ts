/**
 * @jest-environment ./tools/ml/src/model/onnx-runtime.test-environment.ts
 */
import fc from 'fast-check';
import { valueSubject } from '@rtml/contracts';
import { AvroSerde } from '@rtml/kafka';
import {
  eventually,
  freePort,
  fuzzRuns,
  mutatedBytes,
  testEndpoints,
  uniqueId,
  useKafka,
  useS3Bucket,
} from '@rtml/testing';
import { ScoringServiceHarness } from '../testing/scoring-service.harness';
import { trainArtifact } from '../testing/trained-model.fixture';

/** Runs (each a burst of mutated records then a valid one): small for CI, FUZZ_RUNS for more. */
const RUNS = fuzzRuns(5);

describe('the scoring service consuming mutated enriched-events records', () => {
  let harness: ScoringServiceHarness;
  afterAll(() => harness?.stop()); // before the topics and bucket are removed
  const kafka = useKafka();
  const { client, bucket } = useS3Bucket();
  const endpoints = testEndpoints();

  beforeAll(async () => {
    harness = new ScoringServiceHarness({
      kafka: kafka.kafka,
      schemaRegistryUrl: kafka.schemaRegistryUrl,
      prefix: kafka.prefix.slice(0, -1),
      s3: client,
      bucket,
      modelName: uniqueId('fraud'),
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
    await harness.start({ HTTP_PORT: String(await freePort()), MODEL_POLL_MS: '200' });
    await harness.models.release(trainArtifact({ seed: 1, threshold: 0.3 }));
    await eventually(async () => expect((await harness.readiness()).status).toBe(200));
  }, 120_000);

  it(
    'dead-letters undecodable records with a reason and still scores the valid one after them',
    async () => {
      const serde = new AvroSerde(kafka.schemaRegistryUrl);
      const subject = valueSubject('enrichedEvents', kafka.prefix.slice(0, -1));
      const [template] = harness.events(1, 99);
      const validAvro = await serde.encode(subject, template);
      const badValues = fc.array(
        fc.oneof(mutatedBytes(validAvro), fc.uint8Array({ maxLength: 128 }).map(Buffer.from)),
        { minLength: 1, maxLength: 6 },
      );
      let seed = 1_000;

      await fc.assert(
        fc.asyncProperty(badValues, async (values) => {
          const lettersBefore = harness.deadLetters.length;
          // The harness keys raw values 'raw'; the valid event takes the same key (partition).
          const [good] = harness.events(1, seed++, { entityId: 'raw' });
          await harness.produce([], values);
          await harness.produce([good!]);

          await eventually(
            () => {
              if (!harness.predictions.some((p) => p.eventId === good!.eventId))
                throw new Error('the valid event after the mutated ones is not scored yet');
            },
            { timeoutMs: 15_000, description: 'the valid event to be scored' },
          );
          const letters = harness.deadLetters.slice(lettersBefore);
          for (const letter of letters) {
            expect(letter.errorCode).toMatch(/^[A-Z_]+$/);
            expect(letter.reason.length).toBeGreaterThan(0);
          }
          // A value that is not the Confluent wire format can never decode.
          const hopeless = values.filter((value) => value.length < 5 || value[0] !== 0).length;
          expect(letters.length).toBeGreaterThanOrEqual(hopeless);
        }),
        // No shrinking: each failing run waits out its deadline; the seed replays it.
        { numRuns: RUNS, endOnFailure: true },
      );
    },
    60_000 + RUNS * 20_000,
  );
});
