import 'reflect-metadata';
import fc from 'fast-check';
import { LOCAL_DEV_KEYS, valueSubject } from '@rtml/contracts';
import type { DeadLetter } from '@rtml/contracts';
import {
  eventually,
  freePort,
  fuzzRuns,
  mutatedBytes,
  testEndpoints,
  useDynamoDb,
  useKafka,
} from '@rtml/testing';
import { ActionsServiceHarness, predictionOf } from '../testing/actions-service.harness';

/** Runs (each a burst of mutated records then a valid one): small for CI, FUZZ_RUNS for more. */
const RUNS = fuzzRuns(5);
const HOUR = 3_600_000;
const T0 = Math.floor(Date.now() / HOUR) * HOUR - 24 * HOUR;

describe('the actions service consuming mutated prediction records', () => {
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
    });
    kafka.adoptTopics(harness.topicNames);
    for (const group of harness.groupNames) kafka.groupId(group);
    await harness.start();
    await harness.collectDeadLetters(kafka.groupId('reader-dead-letters'), deadLetters);
  }, 120_000);
  afterAll(async () => {
    await harness?.stop();
  });

  const stored = async (eventId: string): Promise<number> =>
    (
      await fetch(`${harness.baseUrl}/v1/scores/${eventId}`, {
        headers: { 'x-api-key': LOCAL_DEV_KEYS.scores },
      })
    ).status;

  it(
    'dead-letters undecodable records with a reason and still stores the valid one after them',
    async () => {
      const subject = valueSubject('predictions', kafka.prefix.replace(/\.$/, ''));
      const template = predictionOf('fuzz-template', 'fuzz-entity', T0, {});
      const validAvro = await harness.serde.encode(subject, template);
      const badValues = fc.array(
        fc.oneof(mutatedBytes(validAvro), fc.uint8Array({ maxLength: 128 }).map(Buffer.from)),
        { minLength: 1, maxLength: 6 },
      );
      let run = 0;

      await fc.assert(
        fc.asyncProperty(badValues, async (values) => {
          const lettersBefore = deadLetters.length;
          run += 1;
          // One key for the bad records and the valid one: the same partition, in this order.
          const good = predictionOf(`fuzz-good-${run}`, 'fuzz-entity', T0 + run * 60_000, {});
          await harness.produceRaw(values, good.entityId);
          await harness.produce([good]);

          await eventually(async () => expect(await stored(good.eventId)).toBe(200), {
            timeoutMs: 20_000,
            description: 'the valid prediction after the mutated ones to be stored',
          });
          await eventually(
            async () => expect(await harness.uncommitted(kafka.committedOffsets)).toBe(0),
            { timeoutMs: 20_000, description: 'every record of the burst to be committed' },
          );
          // A value that is not the Confluent wire format can never decode.
          const hopeless = values.filter((value) => value.length < 5 || value[0] !== 0).length;
          await eventually(
            () => expect(deadLetters.length - lettersBefore).toBeGreaterThanOrEqual(hopeless),
            { timeoutMs: 10_000, description: 'the undecodable records to be dead-lettered' },
          );
          for (const letter of deadLetters.slice(lettersBefore)) {
            expect(letter.errorCode).toMatch(/^[A-Z_]+$/);
            expect(letter.reason.length).toBeGreaterThan(0);
          }
        }),
        // No shrinking: each failing run waits out its deadline; the seed replays it.
        { numRuns: RUNS, endOnFailure: true },
      );
    },
    60_000 + RUNS * 50_000,
  );
});
