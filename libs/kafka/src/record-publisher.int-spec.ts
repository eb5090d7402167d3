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
});
