import fc from 'fast-check';
import { CONTENT_TYPES } from '@rtml/contracts';
import { freePort, fuzzRuns, testEndpoints, useKafka } from '@rtml/testing';
import { IngestHarness } from '../ingest.int-harness';
import { DEV_PRODUCER_KEY } from '../producer-keys/producer-keys.config';

/** Runs per property: small for CI; FUZZ_RUNS=2000 for a longer local run. */
const RUNS = fuzzRuns(40);

const validEvent = () => ({
  eventId: 'fuzz-1',
  kind: 'TRANSACTION',
  eventTime: Date.now() - 60_000,
  customerId: 'c-fuzz',
  terminalId: 't-fuzz',
  amount: 12.5,
});

const anyValue = fc.oneof(
  fc.jsonValue(),
  fc.string({ maxLength: 64 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ minLength: 10_000, maxLength: 70_000 }),
  fc.array(fc.anything(), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue(), { maxKeys: 5 }),
);

/** A valid event with one field replaced, dropped, or added. */
const mutatedEvent = fc.oneof(
  fc
    .record({ key: fc.constantFrom(...Object.keys(validEvent())), value: anyValue })
    .map(({ key, value }) => ({ ...validEvent(), [key]: value })),
  fc
    .constantFrom(...Object.keys(validEvent()))
    .map((key) => Object.fromEntries(Object.entries(validEvent()).filter(([k]) => k !== key))),
  fc
    .record({ key: fc.string({ maxLength: 20 }), value: anyValue })
    .map(({ key, value }) => ({ ...validEvent(), [key]: value })),
  fc.dictionary(fc.string({ maxLength: 12 }), anyValue).map((attributes) => ({
    ...validEvent(),
    attributes,
  })),
);

const deepNesting = fc
  .integer({ min: 100, max: 5_000 })
  .map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`);

/** JSON texts: random values, mutated events and batches of them, deep nesting, huge strings. */
const jsonBody = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value) ?? 'null'),
  mutatedEvent.map((event) => JSON.stringify(event)),
  fc.array(mutatedEvent, { maxLength: 20 }).map((events) => JSON.stringify(events)),
  deepNesting,
  fc.string({ minLength: 100_000, maxLength: 300_000 }).map((text) => JSON.stringify(text)),
  fc.string({ maxLength: 200 }),
);

/** Bytes declared as JSON: random, invalid UTF-8, or a valid text cut short. */
const byteBody = fc.oneof(
  fc.uint8Array({ maxLength: 512 }),
  fc
    .uint8Array({ minLength: 1, maxLength: 64 })
    .map((bytes) => new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0xff, 0xfe, ...bytes])),
  fc
    .nat({ max: 80 })
    .map((cut) => new TextEncoder().encode(JSON.stringify(validEvent()).slice(0, cut))),
);

describe('POST /v1/events under random and mutated input', () => {
  const kafka = useKafka();

  describe('on a running ingest service', () => {
    let ingest: IngestHarness;
    beforeAll(async () => {
      ingest = await IngestHarness.start(kafka, testEndpoints().kafkaBrokers, await freePort(), [
        'transactions',
        'labels',
        'deadLetters',
      ]);
    });
    afterAll(() => ingest?.stop());

    /** The answer to bad input: a 2xx (it happened to be valid) or a 4xx with the error body. */
    async function expectNoServerError(response: Response): Promise<void> {
      const text = await response.text();
      if (response.status >= 500)
        throw new Error(`answered ${response.status}: ${text.slice(0, 500)}`);
      if (response.status >= 400) {
        const body = JSON.parse(text) as { code?: unknown; message?: unknown };
        expect(typeof body.code).toBe('string');
        expect(typeof body.message).toBe('string');
      }
    }

    it('answers random and mutated JSON with a 2xx or a 4xx error body, never a 5xx', async () => {
      await fc.assert(
        fc.asyncProperty(jsonBody, async (body) => {
          await expectNoServerError(await ingest.post(body));
        }),
        { numRuns: RUNS },
      );
    }, 120_000);

    it('answers random bytes declared as JSON (invalid UTF-8 included) with a 4xx, never a 5xx', async () => {
      await fc.assert(
        fc.asyncProperty(
          byteBody,
          fc.constantFrom(CONTENT_TYPES.json, 'application/json; charset=utf-8'),
          async (bytes, contentType) => {
            const response = await fetch(`${ingest.url}/v1/events`, {
              method: 'POST',
              // The producer the harness posts as, so the bytes reach the body parser.
              headers: { 'content-type': contentType, 'x-api-key': DEV_PRODUCER_KEY },
              body: bytes,
            });
            await expectNoServerError(response);
          },
        ),
        { numRuns: RUNS },
      );
    }, 120_000);

    it('still answers /health/live and a valid event after the fuzzing', async () => {
      expect((await fetch(`${ingest.url}/health/live`)).status).toBe(200);
      expect((await ingest.post([validEvent()])).status).toBe(202);
    });
  });
});
