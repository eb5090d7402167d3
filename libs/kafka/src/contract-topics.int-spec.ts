import { TOPICS, TOPIC_IDS, topicName, valueSubject } from '@rtml/contracts';
import { CONTRACT_FIXTURES } from '@rtml/contracts/testing';
import { eventually, testEndpoints, useKafka } from '@rtml/testing';
import { TopicReader } from './testing';
import { AvroSerde } from './avro-serde';
import { contractTopicSpecs, provisionContracts } from './contract-topics';
import { KafkaRecordPublisher } from './record-publisher';
import { TopicAdmin } from './topic-admin';

describe('provisioning the contract topics and subjects', () => {
  const kafka = useKafka();
  const prefix = kafka.prefix.slice(0, -1); // topicName() adds the separator itself
  const admin = new TopicAdmin(kafka.kafka);
  const serde = new AvroSerde(kafka.schemaRegistryUrl);

  beforeAll(async () => {
    kafka.adoptTopics(contractTopicSpecs(prefix).map((spec) => spec.name));
    await provisionContracts(admin, serde, prefix);
  });
  afterAll(() => admin.disconnect());

  it('creates every topic with its catalog partition count, idempotently', async () => {
    await provisionContracts(admin, serde, prefix);

    const inspector = kafka.kafka.admin();
    await inspector.connect();
    const metadata = await inspector
      .fetchTopicMetadata({ topics: TOPIC_IDS.map((id) => topicName(id, prefix)) })
      .finally(() => inspector.disconnect());
    const partitions = Object.fromEntries(
      metadata.topics.map((topic) => [topic.name, topic.partitions.length]),
    );
    expect(partitions).toEqual(
      Object.fromEntries(TOPIC_IDS.map((id) => [topicName(id, prefix), TOPICS[id].partitions])),
    );
  });

  it('sets BACKWARD compatibility on every value subject', async () => {
    const levels = await Promise.all(
      TOPIC_IDS.map(async (id) => {
        const response = await fetch(
          `${testEndpoints().schemaRegistryUrl}/config/${valueSubject(id, prefix)}`,
        );
        return ((await response.json()) as { compatibilityLevel: string }).compatibilityLevel;
      }),
    );
    expect(new Set(levels)).toEqual(new Set(['BACKWARD']));
  });

  it('carries every contract fixture through Kafka and back unchanged', async () => {
    const fixtures = TOPIC_IDS.flatMap((id) =>
      CONTRACT_FIXTURES[id].map((value, index) => ({ id, key: `${id}:${index}`, value })),
    );
    const records = await Promise.all(
      fixtures.map(async ({ id, key, value }) => ({
        topic: topicName(id, prefix),
        key,
        value: await serde.encode(valueSubject(id, prefix), value),
      })),
    );
    const publisher = new KafkaRecordPublisher(kafka.kafka);
    await publisher.connect();
    await publisher.publish(records).finally(() => publisher.disconnect());

    const decoded = new Map<string, unknown>();
    const consumer = new TopicReader(kafka.kafka, {
      groupId: kafka.groupId('fixtures'),
      topics: TOPIC_IDS.map((id) => topicName(id, prefix)),
    });
    await consumer.start(async (batch) => {
      for (const record of batch.records) {
        decoded.set(record.key!.toString(), await serde.decode(record.value!));
      }
    });
    await eventually(
      () =>
        decoded.size === fixtures.length
          ? decoded
          : Promise.reject(new Error(`${decoded.size} decoded`)),
      { timeoutMs: 30_000 },
    ).finally(() => consumer.stop());

    for (const { key, value } of fixtures) expect(decoded.get(key)).toEqual(value);
  });
});
