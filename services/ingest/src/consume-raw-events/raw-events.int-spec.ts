import { CONTENT_TYPES, HEADERS, consumerGroupId, valueSubject } from '@rtml/contracts';
import type { RawEvent } from '@rtml/contracts';
import { eventually, freePort, testEndpoints, uniqueId, useKafka } from '@rtml/testing';
import { rawLabel, rawTransaction } from '../ingest-event/raw-event.fixture';
import { IngestHarness } from '../ingest.int-harness';
import type { ObservedRecord } from '../ingest.int-harness';

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('consuming events.raw', () => {
  const kafka = useKafka();

  // Nested, so the service stops before useKafka deletes the suite's topics and groups.
  describe('on a running ingest service', () => {
    let ingest: IngestHarness;
    const observedOnce = (count: number, find: () => ObservedRecord[]) =>
      eventually(() => {
        const found = find();
        if (found.length < count) throw new Error(`${found.length} of ${count} records out`);
        return found;
      });
    beforeAll(async () => {
      ingest = await IngestHarness.start(kafka, testEndpoints().kafkaBrokers, await freePort());
    });
    afterAll(() => ingest?.stop());

    it('routes JSON and Avro raw events to transactions and labels, keyed by customer', async () => {
      const id = uniqueId('e');
      const avro = (event: RawEvent) =>
        ingest.serde.encode(valueSubject('rawEvents', ingest.prefix), event);
      const jsonTransaction = rawTransaction(`${id}-json`, `${id}-erin`);
      const avroTransaction = rawTransaction(`${id}-avro`, `${id}-frank`, 0);
      const avroLabel = rawLabel(`${id}-label`, `${id}-erin`, jsonTransaction.eventId);

      await ingest.produceRaw({
        key: null,
        value: json(jsonTransaction),
        headers: { [HEADERS.traceId]: `tr-${id}` },
      });
      await ingest.produceRaw({
        key: avroTransaction.customerId,
        value: await avro(avroTransaction),
      });
      await ingest.produceRaw({
        key: 'anything',
        value: await avro(avroLabel),
        headers: { [HEADERS.contentType]: CONTENT_TYPES.avro },
      });

      const ids = [jsonTransaction.eventId, avroTransaction.eventId, avroLabel.eventId];
      const out = await observedOnce(3, () => [
        ...ingest.outputs('transactions', ids),
        ...ingest.outputs('labels', ids),
      ]);
      const stamp = { ingestedAt: expect.any(Number), source: 'KAFKA' };
      const asTransaction = ({
        kind: _k,
        transactionId: _i,
        transactionTime: _t,
        fraud: _f,
        ...rest
      }: RawEvent) => ({ ...rest, ...stamp });
      const byId = new Map(out.map((record) => [record.value['eventId'], record]));
      expect(byId.get(jsonTransaction.eventId)).toMatchObject({
        topic: ingest.topic('transactions'),
        key: jsonTransaction.customerId,
        value: asTransaction(jsonTransaction),
        headers: { [HEADERS.traceId]: `tr-${id}` },
      });
      // Only the event and trace ids: the producing service is the topic's, not a header.
      for (const record of out)
        expect(Object.keys(record.headers).sort()).toEqual([HEADERS.eventId, HEADERS.traceId]);
      expect(byId.get(avroTransaction.eventId)).toMatchObject({
        key: avroTransaction.customerId,
        value: asTransaction(avroTransaction),
        headers: {
          [HEADERS.eventId]: avroTransaction.eventId,
          [HEADERS.traceId]: expect.any(String),
        },
      });
      const { kind: _k, amount: _a, attributes: _at, ...labelFields } = avroLabel;
      expect(byId.get(avroLabel.eventId)).toMatchObject({
        topic: ingest.topic('labels'),
        key: avroLabel.customerId,
        value: { ...labelFields, ...stamp },
      });
    });

    it('dead-letters records that can never pass, with the reason and where they came from', async () => {
      const id = uniqueId('k');
      const outOfRange = await ingest.serde.encode(
        valueSubject('rawEvents', ingest.prefix),
        rawTransaction(`${id}-negative`, `${id}-gina`, -5),
      );
      const bad = [
        {
          key: `${id}-not-json`,
          value: Buffer.from('hello, ingest'),
          headers: { [HEADERS.traceId]: `tr-${id}` },
          code: 'UNDECODABLE',
        },
        {
          key: `${id}-unknown-schema`,
          value: Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0, 2]),
          code: 'UNDECODABLE',
        },
        {
          key: `${id}-incomplete`,
          value: json({ eventId: `${id}-x`, kind: 'TRANSACTION' }),
          code: 'SCHEMA_INVALID',
        },
        { key: `${id}-negative`, value: outOfRange, code: 'OUT_OF_RANGE' },
      ];
      const sources: Array<{ partition: number; offset: string }> = [];
      for (const record of bad) sources.push(await ingest.produceRaw(record));

      const keys = bad.map((record) => record.key);
      const dead = await observedOnce(bad.length, () =>
        ingest.observed.filter(
          (record) => record.topic === ingest.topic('deadLetters') && keys.includes(record.key!),
        ),
      );
      bad.forEach((record, i) => {
        const letter = dead.find((candidate) => candidate.key === record.key)!;
        const source = sources[i]!;
        expect(letter.headers).toMatchObject({
          [HEADERS.sourceTopic]: ingest.topic('rawEvents'),
          [HEADERS.sourcePartition]: String(source.partition),
          [HEADERS.sourceOffset]: source.offset,
          [HEADERS.errorCode]: record.code,
          [HEADERS.errorReason]: expect.any(String),
          [HEADERS.service]: 'ingest',
        });
        expect(letter.value).toMatchObject({
          originalTopic: ingest.topic('rawEvents'),
          originalPartition: source.partition,
          originalOffset: source.offset,
          originalKey: Buffer.from(record.key),
          originalValue: record.value,
          errorCode: record.code,
          service: 'ingest',
        });
      });
      const details = (key: string) => dead.find((letter) => letter.key === key)!.value['details'];
      expect(details(`${id}-incomplete`)).toEqual(
        ['eventTime', 'customerId', 'terminalId', 'amount'].map((path) => ({
          path,
          message: 'is required',
        })),
      );
      expect(details(`${id}-negative`)).toEqual([
        { path: 'amount', message: 'must not be negative' },
      ]);
      expect(details(`${id}-not-json`)).toEqual([]);
      const notJson = dead.find((letter) => letter.key === `${id}-not-json`)!;
      expect(notJson.headers[HEADERS.traceId]).toBe(`tr-${id}`);
      const metrics = await (await fetch(`${ingest.url}/metrics`)).text();
      for (const code of ['UNDECODABLE', 'SCHEMA_INVALID', 'OUT_OF_RANGE']) {
        expect(metrics).toMatch(
          new RegExp(`rtml_dead_letters_total\\{[^}]*code="${code}"[^}]*\\} [1-9]`),
        );
      }
    });

    it('commits the consumed offsets once their outputs are published', async () => {
      const id = uniqueId('e');
      const event = rawTransaction(`${id}-committed`, `${id}-hank`);
      const source = await ingest.produceRaw({ key: event.customerId, value: json(event) });
      await observedOnce(1, () => ingest.outputs('transactions', [event.eventId]));

      const group = consumerGroupId('ingest', ingest.prefix);
      const next = (BigInt(source.offset) + 1n).toString();
      const committed = await eventually(async () => {
        const offsets = await kafka.committedOffsets(group, ingest.topic('rawEvents'));
        const offset = offsets.find(
          (candidate) => candidate.partition === source.partition,
        )?.offset;
        if (offset !== next) throw new Error(`committed ${offset}, expected ${next}`);
        return offsets;
      });
      const admin = kafka.kafka.admin();
      await admin.connect();
      const ends = await admin
        .fetchTopicOffsets(ingest.topic('rawEvents'))
        .finally(() => admin.disconnect());
      // Every record of the suite so far, good or dead-lettered, is behind the group's offsets.
      for (const end of ends.filter((candidate) => candidate.high !== '0')) {
        expect(committed.find((offset) => offset.partition === end.partition)?.offset).toBe(
          end.high,
        );
      }
    });
  });
});
