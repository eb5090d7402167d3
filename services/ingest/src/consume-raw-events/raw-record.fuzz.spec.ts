import fc from 'fast-check';
import { CONTENT_TYPES, HEADERS, valueSubject } from '@rtml/contracts';
import { rawTransactionEventFixture } from '@rtml/contracts/testing';
import { AppError } from '@rtml/errors';
import type { IncomingRecord } from '@rtml/kafka';
import { ContractCodec } from '@rtml/kafka/testing';
import { fuzzRuns, mutatedBytes, mutatedRecord } from '@rtml/testing';
import { RawEventValidator } from '../ingest-event/raw-event.validator';
import { decodeRawRecord } from './raw-record.decoder';

const RUNS = fuzzRuns(300);
const codec = new ContractCodec();
const validator = new RawEventValidator({ maxFutureSkewMs: 3_600_000, maxAmount: 1e9 });
const validJson = Buffer.from(JSON.stringify(rawTransactionEventFixture));

const record = (value: Buffer | null, headers: Record<string, string>): IncomingRecord => ({
  topic: 'events.raw',
  partition: 0,
  offset: '0',
  key: null,
  value,
  headers,
  timestamp: 0,
});

const contentTypes = fc.option(
  fc.oneof(
    fc.constantFrom(CONTENT_TYPES.json, CONTENT_TYPES.avro, 'text/plain', ';', ''),
    fc.string({ maxLength: 40 }),
  ),
  { nil: undefined },
);

/** Resolves to a value, or rejects with the typed, non-retriable UNDECODABLE error and a reason. */
async function expectDecodedOrUndecodable(attempt: Promise<unknown>): Promise<void> {
  try {
    await attempt;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'UNDECODABLE', retriable: false });
    expect((error as AppError).message.length).toBeGreaterThan(0);
  }
}

describe('decoding raw records under random and mutated bytes', () => {
  let validAvro: Buffer;
  beforeAll(async () => {
    validAvro = await codec.encode(valueSubject('rawEvents'), rawTransactionEventFixture);
  });

  it('decodes or refuses as UNDECODABLE any bytes under any content type, never throwing anything else', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(mutatedBytes(validJson), fc.uint8Array({ maxLength: 512 }).map(Buffer.from)),
        contentTypes,
        async (value, contentType) => {
          const headers: Record<string, string> =
            contentType === undefined ? {} : { [HEADERS.contentType]: contentType };
          await expectDecodedOrUndecodable(decodeRawRecord(record(value, headers), codec));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('decodes or refuses as UNDECODABLE mutated Avro in the Confluent wire format', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constant(null).chain(() => mutatedBytes(validAvro)),
        async (value) => {
          await expectDecodedOrUndecodable(decodeRawRecord(record(value, {}), codec));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('gives a verdict with field errors, never an exception, for any mutated decoded event', () => {
    fc.assert(
      fc.property(mutatedRecord({ ...rawTransactionEventFixture }), (value) => {
        const verdict = validator.validate(value);
        if (!verdict.valid) expect(verdict.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  });
});
