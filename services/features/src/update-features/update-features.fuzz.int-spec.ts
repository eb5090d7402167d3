import fc from 'fast-check';
import { HEADERS, valueSubject } from '@rtml/contracts';
import { transactionFixture } from '@rtml/contracts/testing';
import { AvroSerde } from '@rtml/kafka';
import {
  eventually,
  freePort,
  fuzzRuns,
  mutatedBytes,
  testEndpoints,
  uniqueId,
  useKafka,
  useRedis,
} from '@rtml/testing';
import { FeaturesServiceHarness } from '../testing/features-service.harness';

/** Runs (each a burst of mutated records then a valid one): small for CI, FUZZ_RUNS for more. */
const RUNS = fuzzRuns(5);

describe('the features service consuming mutated transactions records', () => {
  let harness: FeaturesServiceHarness | undefined;
  // Declared before useKafka so that it runs first: stop consuming before the topics go.
  afterAll(() => harness?.stop());
  const kafka = useKafka();
  const redis = useRedis();
  const service = () => harness as FeaturesServiceHarness;

  beforeAll(async () => {
    harness = new FeaturesServiceHarness({
      kafka: kafka.kafka,
      schemaRegistryUrl: kafka.schemaRegistryUrl,
      prefix: kafka.prefix.slice(0, -1),
      groupId: kafka.groupId('rtml.features'),
      readerGroupId: kafka.groupId('reader'),
    });
    kafka.adoptTopics(harness.topics);
    const endpoints = testEndpoints();
    await harness.start({
      HTTP_PORT: String(await freePort()),
      KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
      SCHEMA_REGISTRY_URL: endpoints.schemaRegistryUrl,
      REDIS_URL: endpoints.redisUrl,
      REDIS_KEY_PREFIX: redis.prefix,
    });
  }, 120_000);

  it(
    'dead-letters undecodable records with a reason and still processes the valid one after them',
    async () => {
      const prefix = kafka.prefix.slice(0, -1);
      const serde = new AvroSerde(kafka.schemaRegistryUrl);
      const validAvro = await serde.encode(
        valueSubject('transactions', prefix),
        transactionFixture,
      );
      const badValues = fc.array(
        fc.oneof(mutatedBytes(validAvro), fc.uint8Array({ maxLength: 128 }).map(Buffer.from)),
        { minLength: 1, maxLength: 6 },
      );

      await fc.assert(
        fc.asyncProperty(badValues, async (values) => {
          const id = uniqueId('fz');
          const topic = service().topic('transactions');
          // One key: the mutated records and the valid one after them share a partition.
          await service().publishRaw(
            values.map((value) => ({ topic, key: id, value, headers: {} })),
          );
          const good = { ...transactionFixture, eventId: `${id}-good`, customerId: id };
          await service().produce('transactions', [good]);

          await eventually(
            async () => {
              if (!service().enriched.some((e) => e.headers[HEADERS.eventId] === good.eventId))
                throw new Error('the valid record after the mutated ones is not enriched yet');
              await service().committedAll('transactions');
            },
            { timeoutMs: 15_000, description: 'the valid record to be processed and committed' },
          );
          const letters = service().deadLetters.filter((letter) => letter.key?.toString() === id);
          for (const letter of letters) {
            expect(letter.headers[HEADERS.errorCode]).toMatch(/^[A-Z_]+$/);
            expect(letter.headers[HEADERS.errorReason]?.length).toBeGreaterThan(0);
          }
          // A random value that is not the Confluent wire format can never decode.
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
