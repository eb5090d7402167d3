import { AppError } from '@rtml/errors';
import { eventually, useKafka } from '@rtml/testing';
import { TopicReader } from './testing';
import { AvroSerde } from './avro-serde';
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
  const consumers: TopicReader[] = [];
  const publisher = new KafkaRecordPublisher(kafka.kafka);
  const serde = new AvroSerde(kafka.schemaRegistryUrl);

  /**
   * Registers a one-record schema under a subject of this suite, and returns the wire format's
   * frame for it (magic byte and schema id) with a fresh serde to decode through the registry.
   */
  const registeredFrame = async (name: string, fields: readonly object[]) => {
    const id = await serde.register({
      subject: `${kafka.prefix}${name.toLowerCase()}-value`,
      schema: {
        type: 'record',
        name,
        namespace: `io.rtml.test.${kafka.prefix.replace(/[^a-z0-9]/g, '')}`,
        fields,
      },
      compatibility: 'BACKWARD',
    });
    const frame = Buffer.alloc(5);
    frame.writeInt32BE(id, 1);
    const decodeFresh = (value: Buffer) =>
      new AvroSerde(kafka.schemaRegistryUrl).decode(value).catch((error: unknown) => error);
    return { frame, decodeFresh };
  };

  beforeAll(() => publisher.connect());
  afterAll(async () => {
    await Promise.all(consumers.map((consumer) => consumer.stop()));
    await publisher.disconnect();
  });

  const consume = async (topic: string, handler: (batch: RecordBatch) => Promise<void>) => {
    const consumer = new TopicReader(kafka.kafka, {
      groupId: kafka.groupId(`g-${consumers.length}`),
      topics: [topic],
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

  it('dead-letters at once a record whose map block declares more entries than it has bytes', async () => {
    const { frame, decodeFresh } = await registeredFrame('Tagged', [
      { name: 'tags', type: { type: 'map', values: 'string' } },
    ]);
    // A block of five million entries in four bytes: avsc alone loops over every one of them
    // before it finds the buffer too short (2^40 of them held a core for hours).
    const hostile = Buffer.concat([frame, Buffer.from([0x80, 0xad, 0xe2, 0x04])]);

    const failure = await decodeFresh(hostile);

    expect(failure).toMatchObject({ code: 'UNDECODABLE', retriable: false });
    expect(String((failure as AppError).cause)).toMatch(/map block declares 5000000 entries/);
  });

  it('refuses as undecodable a record whose string is not valid UTF-8, instead of reading U+FFFD', async () => {
    const { frame, decodeFresh } = await registeredFrame('Named', [
      { name: 'customerId', type: 'string' },
    ]);
    // "c", a lone 0xff byte, "1": three bytes that avsc alone decodes as "c\uFFFD1".
    const corrupted = Buffer.concat([frame, Buffer.from([0x06, 0x63, 0xff, 0x31])]);
    const valid = Buffer.concat([frame, Buffer.from([0x06, 0x63, 0x2d, 0x31])]);

    const failure = await decodeFresh(corrupted);

    expect(failure).toMatchObject({ code: 'UNDECODABLE', retriable: false });
    expect(String((failure as AppError).cause)).toMatch(/not valid UTF-8/);
    await expect(serde.decode(valid)).resolves.toEqual({ customerId: 'c-1' });
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
});
