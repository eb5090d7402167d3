import { topicName, valueSubject } from '@rtml/contracts';
import type { Label } from '@rtml/contracts';
import { labelFixture, predictionFixture } from '@rtml/contracts/testing';
import { AppError } from '@rtml/errors';
import { StageTestDriver } from '@rtml/kafka/testing';
import type { StoredLabel } from './label-item.mapper';
import { LabelStore } from './label.store';
import { labelsStage } from './labels.stage';

// Broker-free and server-free: what the label stage hands to the storage and what it refuses.
// Storing, once and by the newest label, is in labels.int-spec.ts, against the real servers.

const PREFIX = 'unit';
const LABELS = topicName('labels', PREFIX);

/** Remembers what it was asked to store, batch by batch. */
class RecordingLabels extends LabelStore {
  readonly batches: Label[][] = [];
  constructor(private readonly failure?: AppError) {
    super();
  }
  putAll(labels: readonly Label[]): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    this.batches.push([...labels]);
    return Promise.resolve();
  }
  getMany(): Promise<ReadonlyMap<string, StoredLabel>> {
    return Promise.resolve(new Map());
  }
  labelsOfDay(): Promise<StoredLabel[]> {
    return Promise.resolve([]);
  }
}

const build = (labels: LabelStore) =>
  new StageTestDriver((codec) => labelsStage({ reader: codec, labels }), { prefix: PREFIX });

describe('the label stage, before any storage', () => {
  it('stores the valid labels of a batch in one call and dead-letters what can never be stored', async () => {
    const labels = new RecordingLabels();
    const driver = build(labels);
    const second = { ...labelFixture, eventId: 'lbl-1', transactionId: 'txn-1', fraud: true };

    const result = await driver.pipe(LABELS, [
      { key: '596', value: await driver.avro(valueSubject('labels', PREFIX), labelFixture) },
      { key: '596', value: null },
      { key: '596', value: Buffer.from('not avro') },
      {
        key: '596',
        value: await driver.avro(valueSubject('predictions', PREFIX), predictionFixture),
      },
      {
        key: '596',
        value: await driver.avro(valueSubject('labels', PREFIX), {
          ...labelFixture,
          transactionId: '',
        }),
      },
      { key: '596', value: await driver.avro(valueSubject('labels', PREFIX), second) },
    ]);

    expect(labels.batches).toEqual([[labelFixture, second]]);
    expect(result.deadLetters.map((letter) => letter.errorCode)).toEqual([
      'UNDECODABLE',
      'UNDECODABLE',
      'SCHEMA_INVALID',
      'OUT_OF_RANGE',
    ]);
    for (const letter of result.deadLetters)
      expect(letter).toMatchObject({ originalTopic: LABELS, service: 'actions' });
    expect(
      result.records.every((record) => record.topic === topicName('deadLetters', PREFIX)),
    ).toBe(true);
  });

  it('retries the whole batch when the storage does not answer, dead-lettering nothing', async () => {
    const driver = build(new RecordingLabels(new AppError('DEPENDENCY_UNAVAILABLE', 'down')));

    await expect(
      driver.pipe(LABELS, [
        { key: '596', value: await driver.avro(valueSubject('labels', PREFIX), labelFixture) },
      ]),
    ).rejects.toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', retriable: true });
  });
});
