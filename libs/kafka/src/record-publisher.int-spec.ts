import { useKafka } from '@rtml/testing';
import { KafkaRecordPublisher } from './record-publisher';

describe('KafkaRecordPublisher against the real broker', () => {
  const kafka = useKafka();
  const publisher = new KafkaRecordPublisher(kafka.kafka);

  afterAll(() => publisher.disconnect());

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
