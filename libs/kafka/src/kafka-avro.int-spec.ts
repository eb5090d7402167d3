import { createLogger } from '@rtml/observability';
import { AppError } from '@rtml/errors';
import { eventually, useKafka } from '@rtml/testing';
import { AvroSerde } from './avro-serde';
import { KafkaBatchConsumer } from './batch-consumer';
import { KafkaRecordPublisher } from './record-publisher';
import type { IncomingRecord, RecordBatch } from './record.types';

const paymentV1 = {
  type: 'record',
  name: 'Payment',
  namespace: 'io.rtml.test',
  fields: [
    { name: 'eventId', type: 'string' },
    { name: 'amount', type: 'double' },
    { name: 'eventTime', type: { type: 'long', logicalType: 'timestamp-millis' } },
  ],
};

describe('Kafka with Avro through the schema registry', () => {
  const kafka = useKafka();
  const logger = createLogger({
    service: 'test',
    level: process.env['RTML_TEST_LOG_LEVEL'] === 'debug' ? 'debug' : 'fatal',
  });
  const consumers: KafkaBatchConsumer[] = [];
  const publisher = new KafkaRecordPublisher(kafka.kafka);
  const serde = new AvroSerde(kafka.schemaRegistryUrl);

  beforeAll(() => publisher.connect());
  afterAll(async () => {
    await Promise.all(consumers.map((consumer) => consumer.stop()));
    await publisher.disconnect();
  });

  const consume = async (topic: string, handler: (batch: RecordBatch) => Promise<void>) => {
    const consumer = new KafkaBatchConsumer(kafka.kafka, {
      groupId: kafka.groupId(`g-${consumers.length}`),
      topics: [topic],
      logger,
    });
    consumers.push(consumer);
    await consumer.start(handler);
    return consumer;
  };

  it('produces and consumes an Avro record in the Confluent wire format', async () => {
    const [topic] = await kafka.createTopics([{ name: 'payments', partitions: 3 }]);
    const subject = `${topic}-value`;
    const id = await serde.register({
      subject,
      schema: paymentV1,
      compatibility: 'BACKWARD',
    });
    const payment = { eventId: 'e-1', amount: 42.5, eventTime: 1_700_000_000_000 };

    await publisher.publish([
      { topic: topic!, key: 'customer-7', value: await serde.encode(subject, payment) },
    ]);
    const received: IncomingRecord[] = [];
    await consume(topic!, async (batch) => void received.push(...batch.records));

    const record = await eventually(
      () => received[0] ?? Promise.reject(new Error('nothing consumed yet')),
    );
    expect(record.value?.readUInt8(0)).toBe(0); // magic byte
    expect(record.value?.readInt32BE(1)).toBe(id); // schema id
    expect(record.key?.toString()).toBe('customer-7');
    await expect(serde.decode(record.value!)).resolves.toEqual(payment);
  });

  it('is refused by the registry when a change breaks BACKWARD compatibility', async () => {
    const subject = `${kafka.prefix}compat-value`;
    await serde.register({ subject, schema: paymentV1, compatibility: 'BACKWARD' });
    const compatible = {
      ...paymentV1,
      fields: [...paymentV1.fields, { name: 'currency', type: 'string', default: 'EUR' }],
    };
    const breaking = {
      ...paymentV1,
      fields: [...paymentV1.fields, { name: 'merchant', type: 'string' }],
    };

    await expect(
      serde.register({ subject, schema: compatible, compatibility: 'BACKWARD' }),
    ).resolves.toEqual(expect.any(Number));
    const refusal = serde.register({ subject, schema: breaking, compatibility: 'BACKWARD' });
    await expect(refusal).rejects.toThrow(AppError);
    await expect(refusal).rejects.toMatchObject({ code: 'SCHEMA_INVALID', retriable: false });
  });

  it('redelivers a batch whose handler failed, and commits it only once it succeeds', async () => {
    const [topic] = await kafka.createTopics([{ name: 'retries', partitions: 1 }]);
    await publisher.publish(
      ['a', 'b', 'c'].map((key) => ({ topic: topic!, key, value: Buffer.from(key) })),
    );
    const attempts: string[][] = [];
    await consume(topic!, async (batch) => {
      attempts.push(batch.records.map((record) => record.value!.toString()));
      if (attempts.length === 1) throw new AppError('DEPENDENCY_UNAVAILABLE', 'redis is down');
    });

    await eventually(() =>
      attempts.length >= 2 ? attempts : Promise.reject(new Error(`${attempts.length} attempts`)),
    );
    const offsets = await eventually(async () => {
      const [committed] = await kafka.committedOffsets(consumers.at(-1)!.groupId, topic!);
      return committed?.offset === '3'
        ? committed
        : Promise.reject(new Error(`committed ${committed?.offset}`));
    });

    expect(attempts[0]).toEqual(['a', 'b', 'c']);
    expect(attempts[1]).toEqual(attempts[0]);
    expect(offsets.offset).toBe('3');
  });
});
