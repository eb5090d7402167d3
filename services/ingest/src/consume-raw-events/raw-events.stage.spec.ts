import { HEADERS, topicName, valueSubject } from '@rtml/contracts';
import type { Label, Transaction } from '@rtml/contracts';
import { StageTestDriver } from '@rtml/kafka/testing';
import { IngestedEventEncoder } from '../ingest-event/ingested-event.encoder';
import { jsonLabel, jsonTransaction, rawTransaction } from '../ingest-event/raw-event.fixture';
import { RawEventValidator } from '../ingest-event/raw-event.validator';
import { rawEventsStage } from './raw-events.stage';

const PREFIX = 'unit';
const RAW = topicName('rawEvents', PREFIX);
const NOW = Date.UTC(2018, 3, 9);
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('the raw-events stage, broker-free', () => {
  const driver = new StageTestDriver(
    (codec) =>
      rawEventsStage({
        reader: codec,
        validator: new RawEventValidator(
          { maxFutureSkewMs: 3_600_000, maxAmount: 1_000_000 },
          () => NOW,
        ),
        encoder: new IngestedEventEncoder(codec, PREFIX),
        now: () => NOW,
      }),
    { prefix: PREFIX },
  );

  it('routes transactions and labels, JSON or Avro, keyed by customer, in record order', async () => {
    const avro = await driver.avro(
      valueSubject('rawEvents', PREFIX),
      rawTransaction('txn-avro', 'c-2'),
    );

    const result = await driver.pipe(RAW, [
      { value: json(jsonTransaction()), headers: { [HEADERS.traceId]: 'trace-1' } },
      { value: json(jsonLabel()) },
      { value: avro },
    ]);

    const transactions = result.outputs<Transaction>(topicName('transactions', PREFIX));
    expect(
      transactions.map((t) => [t.key, t.value.eventId, t.value.ingestedAt, t.value.source]),
    ).toEqual([
      ['c-1', 'txn-1', NOW, 'KAFKA'],
      ['c-2', 'txn-avro', NOW, 'KAFKA'],
    ]);
    expect(transactions[0]?.headers[HEADERS.traceId]).toBe('trace-1');
    // A record without a usable trace id gets a fresh one.
    expect(transactions[1]?.headers[HEADERS.traceId]).toMatch(/^[0-9a-f-]{36}$/);
    const labels = result.outputs<Label>(topicName('labels', PREFIX));
    expect(labels.map((l) => l.value.transactionId)).toEqual(['txn-1']);
    expect(result.deadLetters).toEqual([]);
  });

  it('dead-letters what can never pass, with its reason, and keeps the valid records around it', async () => {
    const result = await driver.pipe(RAW, [
      { value: json(jsonTransaction({ eventId: 'ok-1' })) },
      { value: Buffer.from('{not json') },
      { value: json(jsonTransaction({ eventId: 'neg', amount: -5 })) },
      { value: json(jsonTransaction({ eventId: 'ok-2' })) },
    ]);

    expect(result.deadLetters.map((letter) => letter.errorCode)).toEqual([
      'UNDECODABLE',
      'OUT_OF_RANGE',
    ]);
    expect(
      result.outputs<Transaction>(topicName('transactions', PREFIX)).map((t) => t.value.eventId),
    ).toEqual(['ok-1', 'ok-2']);
  });

  it('bounds the dead letter of a 938 KB object with 30,000 unknown keys far below the record limit', async () => {
    const keys = Object.fromEntries(
      Array.from({ length: 30_000 }, (_, i) => [`unknown_${i}`, 'v'.repeat(20)]),
    );
    const value = json(jsonTransaction(keys));
    expect(value.length).toBeGreaterThan(900_000);

    const result = await driver.pipe(RAW, [{ value }]);

    const [record] = result.records;
    expect(record?.value?.length).toBeLessThan(64 * 1024);
    const [letter] = result.deadLetters;
    expect(letter).toMatchObject({ errorCode: 'SCHEMA_INVALID', originalValueSize: value.length });
    expect(letter!.detailsOmitted).toBeGreaterThan(29_000);
  });
});
