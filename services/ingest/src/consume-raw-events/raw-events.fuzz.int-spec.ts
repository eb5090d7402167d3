import fc from 'fast-check';
import { HEADERS, valueSubject } from '@rtml/contracts';
import {
  eventually,
  freePort,
  fuzzRuns,
  mutatedBytes,
  testEndpoints,
  uniqueId,
  useKafka,
} from '@rtml/testing';
import { rawTransaction } from '../ingest-event/raw-event.fixture';
import { IngestHarness } from '../ingest.int-harness';

/** Runs (each a burst of bad records then a good one): small for CI, FUZZ_RUNS for more. */
const RUNS = fuzzRuns(6);

describe('consuming mutated events.raw records', () => {
  const kafka = useKafka();

  describe('on a running ingest service', () => {
    let ingest: IngestHarness;
    beforeAll(async () => {
      ingest = await IngestHarness.start(kafka, testEndpoints().kafkaBrokers, await freePort());
    });
    afterAll(() => ingest?.stop());

    it(
      'dead-letters every undecodable or invalid record with a reason, and keeps the partition moving',
      async () => {
        const template = rawTransaction(uniqueId('template'), uniqueId('template-customer'));
        // A mutation may leave a valid event (another customer, say): published, not dead-lettered.
        const goodIds = new Set<string>();
        const countTemplates = () =>
          ingest.observed.filter(
            (record) =>
              record.topic === ingest.topic('transactions') &&
              !goodIds.has(String(record.value['eventId'])),
          ).length;
        const validJson = Buffer.from(JSON.stringify(template));
        const validAvro = await ingest.serde.encode(
          valueSubject('rawEvents', ingest.prefix),
          template,
        );
        const badValues = fc.array(
          fc.oneof(
            mutatedBytes(validJson),
            mutatedBytes(validAvro),
            fc.uint8Array({ maxLength: 128 }).map(Buffer.from),
          ),
          { minLength: 1, maxLength: 6 },
        );

        await fc.assert(
          fc.asyncProperty(badValues, async (values) => {
            const id = uniqueId('fz');
            const templatesBefore = countTemplates();
            // One key: every record of a run lands on the same partition, the valid one last.
            const sources: Array<{ partition: number; offset: string }> = [];
            for (const value of values)
              sources.push(await ingest.produceRaw({ key: id, value, headers: {} }));
            const good = rawTransaction(`${id}-good`, id);
            goodIds.add(good.eventId);
            await ingest.produceRaw({
              key: id,
              value: Buffer.from(JSON.stringify(good)),
              headers: {},
            });

            // Each mutated record was dead-lettered with a reason, or decoded to a valid event
            // (a harmless mutation, published); the valid record
            // after them all is processed, so none of them stalled the partition.
            await eventually(
              () => {
                if (ingest.outputs('transactions', [good.eventId]).length === 0)
                  throw new Error('the valid record after the mutated ones is not out yet');
                const letters = sources.map((source) =>
                  ingest.observed.find(
                    (record) =>
                      record.topic === ingest.topic('deadLetters') &&
                      record.headers[HEADERS.sourceOffset] === source.offset &&
                      record.headers[HEADERS.sourcePartition] === String(source.partition),
                  ),
                );
                const published = countTemplates() - templatesBefore;
                const missing = letters.filter((letter) => letter === undefined).length;
                if (missing > published)
                  throw new Error(`${missing} records neither dead-lettered nor published`);
                for (const letter of letters) {
                  if (letter === undefined) continue;
                  expect(letter.headers[HEADERS.errorCode]).toMatch(/^[A-Z_]+$/);
                  expect(letter.headers[HEADERS.errorReason]?.length).toBeGreaterThan(0);
                }
              },
              { timeoutMs: 15_000, description: 'every record of the run to be accounted for' },
            );
          }),
          { numRuns: RUNS, endOnFailure: true },
        );
      },
      60_000 + RUNS * 20_000,
    );
  });
});
