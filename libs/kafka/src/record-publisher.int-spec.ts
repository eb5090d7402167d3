import { eventually, testEndpoints, useKafka } from '@rtml/testing';
import type { KafkaTestContext } from '@rtml/testing';
import { PlatformaticRecordPublisher } from './platformatic-record.publisher';
import { KafkaRecordPublisher } from './record-publisher';
import type { DurableRecordPublisher } from './record-publisher';
import { TopicReader } from './testing/topic.reader';

const CLIENTS: [string, (kafka: KafkaTestContext) => DurableRecordPublisher][] = [
  ['KafkaJS', (kafka) => new KafkaRecordPublisher(kafka.kafka)],
  [
    '@platformatic/kafka',
    (kafka) =>
      new PlatformaticRecordPublisher({
        brokers: testEndpoints().kafkaBrokers,
        clientId: `test-${kafka.prefix}`,
      }),
  ],
];

/** Where each record's key landed, read back from the topic. */
async function partitionsOfKeys(
  kafka: KafkaTestContext,
  topic: string,
  count: number,
): Promise<Map<string, number>> {
  const partitions = new Map<string, number>();
  const reader = new TopicReader(kafka.kafka, { groupId: kafka.groupId(topic), topics: [topic] });
  await reader.start((batch) => {
    for (const record of batch.records) partitions.set(record.key!.toString(), record.partition);
  });
  try {
    await eventually(() => expect(partitions.size).toBe(count), { timeoutMs: 20_000 });
  } finally {
    await reader.stop();
  }
  return partitions;
}

describe.each(CLIENTS)('the publisher on %s against the real broker', (_, create) => {
  const kafka = useKafka();
  const publisher = create(kafka);

  afterAll(() => publisher.disconnect());

  it('puts each key on the partition KafkaJS and the Java client put it on, keyless records spread', async () => {
    const [ours, reference] = await kafka.createTopics([
      { name: 'keys', partitions: 12 },
      { name: 'keys-kafkajs', partitions: 12 },
    ]);
    const keyed = (topic: string) =>
      Array.from({ length: 200 }, (_, i) => ({
        topic,
        key: `customer-${i}`,
        value: Buffer.from('v'),
      }));
    const kafkajs = new KafkaRecordPublisher(kafka.kafka);
    await kafkajs.publish(keyed(reference!));
    await kafkajs.disconnect();
    await publisher.publish(keyed(ours!));

    expect(await partitionsOfKeys(kafka, ours!, 200)).toEqual(
      await partitionsOfKeys(kafka, reference!, 200),
    );

    const [keyless] = await kafka.createTopics([{ name: 'keyless', partitions: 4 }]);
    for (let i = 0; i < 8; i += 1)
      await publisher.publish([{ topic: keyless!, key: null, value: Buffer.from(`v${i}`) }]);
    const admin = kafka.kafka.admin();
    await admin.connect();
    const ends = await admin.fetchTopicOffsets(keyless!);
    await admin.disconnect();
    expect(ends.filter((end) => end.offset !== '0').length).toBeGreaterThan(1);
  });

  it('delivers key, value and headers as given', async () => {
    const [topic] = await kafka.createTopics([{ name: 'fields', partitions: 1 }]);
    await publisher.publish([
      {
        topic: topic!,
        key: 'k-é',
        value: Buffer.from([0, 1, 255]),
        headers: { 'rtml-trace-id': 'abc', empty: '' },
      },
    ]);
    const seen: { key: string; value: number[]; headers: Record<string, string> }[] = [];
    const reader = new TopicReader(kafka.kafka, {
      groupId: kafka.groupId('fields'),
      topics: [topic!],
    });
    await reader.start((batch) => {
      for (const r of batch.records)
        seen.push({ key: r.key!.toString(), value: [...r.value!], headers: { ...r.headers } });
    });
    try {
      await eventually(() => expect(seen).toHaveLength(1), { timeoutMs: 20_000 });
    } finally {
      await reader.stop();
    }
    expect(seen[0]).toEqual({
      key: 'k-é',
      value: [0, 1, 255],
      headers: { 'rtml-trace-id': 'abc', empty: '' },
    });
  });

  it('publishes more than the broker’s 1 MiB record-batch limit to one partition in one call', async () => {
    const [topic] = await kafka.createTopics([{ name: 'big-batch', partitions: 1 }]);
    const records = Array.from({ length: 3_000 }, (_, i) => ({
      topic: topic as string,
      key: 'one-entity',
      value: Buffer.alloc(1_000, i % 251),
    }));

    await publisher.publish(records);

    const admin = kafka.kafka.admin();
    await admin.connect();
    const [end] = await admin.fetchTopicOffsets(topic as string);
    await admin.disconnect();
    expect(end?.offset).toBe('3000');
  });

  it('fails only the publish the broker refuses when concurrent publishes shared a request', async () => {
    const [topic] = await kafka.createTopics([{ name: 'poison', partitions: 1 }]);
    const small = { topic: topic as string, key: 'k', value: Buffer.from('fine') };
    const tooLarge = { topic: topic as string, key: 'k', value: Buffer.alloc(2 * 1024 * 1024) };
    await publisher.publish([small]); // connected, so the next two meet in one group

    const outcomes = await Promise.allSettled([
      publisher.publish([small]),
      publisher.publish([tooLarge]),
      publisher.publish([small]),
    ]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    const admin = kafka.kafka.admin();
    await admin.connect();
    const [end] = await admin.fetchTopicOffsets(topic as string);
    await admin.disconnect();
    // The good records of the shared request may land twice (at-least-once; consumers dedupe).
    expect(Number(end?.offset)).toBeGreaterThanOrEqual(3);
  });
});
