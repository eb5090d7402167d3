import fc from 'fast-check';
import { topicName, valueSubject } from '@rtml/contracts';
import type { TopicId } from '@rtml/contracts';
import { labelFixture, transactionFixture } from '@rtml/contracts/testing';
import { AppError } from '@rtml/errors';
import type { IncomingRecord } from '@rtml/kafka';
import { ContractCodec } from '@rtml/kafka/testing';
import { fuzzRuns, mutatedBytes, mutatedRecord } from '@rtml/testing';
import { FeatureRecordParser } from './feature-record.parser';

const RUNS = fuzzRuns(300);
const codec = new ContractCodec();
const parser = new FeatureRecordParser(codec, {
  transactionsTopic: topicName('transactions'),
  labelsTopic: topicName('labels'),
  entityFields: ['customerId', 'terminalId'],
  labelEntityFields: ['terminalId'],
});
const topics = fc.constantFrom<TopicId>('transactions', 'labels');

const record = (id: TopicId, value: Buffer | null): IncomingRecord => ({
  topic: topicName(id),
  partition: 0,
  offset: '0',
  key: null,
  value,
  headers: {},
  timestamp: 0,
});

/** Parsed, or poison with a typed non-retriable error and a reason; never a throw. */
async function expectParsedOrPoison(attempt: Promise<unknown>): Promise<void> {
  const parsed = (await attempt) as { kind: string; error?: unknown };
  if (parsed.kind !== 'poison') return;
  expect(parsed.error).toBeInstanceOf(AppError);
  expect(parsed.error).toMatchObject({ retriable: false });
  expect((parsed.error as AppError).message.length).toBeGreaterThan(0);
}

describe('parsing transactions and labels records under random and mutated input', () => {
  let valid: Record<'transactions' | 'labels', Buffer>;
  beforeAll(async () => {
    valid = {
      transactions: await codec.encode(valueSubject('transactions'), transactionFixture),
      labels: await codec.encode(valueSubject('labels'), labelFixture),
    };
  });

  it('parses or poisons any bytes, mutated Avro included, and never throws', async () => {
    await fc.assert(
      fc.asyncProperty(
        topics.chain((id) =>
          fc.tuple(
            fc.constant(id),
            fc.oneof(
              mutatedBytes(valid[id as 'transactions' | 'labels']),
              fc.constant(null),
              fc.uint8Array({ maxLength: 256 }).map(Buffer.from),
            ),
          ),
        ),
        async ([id, value]) => {
          await expectParsedOrPoison(parser.parse(record(id, value)));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('poisons a well-encoded value of the wrong shape rather than throwing', async () => {
    // Avro of another contract (a label on the transactions topic and back) is well-formed
    // bytes with a wrong shape.
    await fc.assert(
      fc.asyncProperty(topics, async (id) => {
        const other = id === 'transactions' ? valid.labels : valid.transactions;
        await expectParsedOrPoison(parser.parse(record(id, other)));
      }),
      { numRuns: 10 },
    );
  });

  it('poisons mutated values that still encode under the contract schema', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedRecord({ ...transactionFixture }), async (value) => {
        let bytes: Buffer;
        try {
          bytes = await codec.encode(valueSubject('transactions'), value);
        } catch {
          return; // not encodable under the contract: no producer can write it
        }
        await expectParsedOrPoison(parser.parse(record('transactions', bytes)));
      }),
      { numRuns: RUNS },
    );
  });
});
