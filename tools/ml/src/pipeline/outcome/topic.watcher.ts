import type { Consumer, Kafka } from 'kafkajs';
import { AvroSerde, decodeHeaders } from '@rtml/kafka';

export interface WatchedRecord<T> {
  readonly value: T;
  readonly partition: number;
  readonly offset: string;
  /** The record's timestamp, epoch ms (CreateTime: the producer's, on the pipeline's topics). */
  readonly timestamp: number;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Reads what the pipeline writes to one topic from the moment `start()` returns: it notes the
 * end offsets first, then seeks a fresh consumer group there, so nothing produced after
 * `start()` can be missed and nothing older is read. Values are decoded Avro unless `decode`
 * says otherwise (events.raw carries JSON too).
 */
export class TopicWatcher<T> {
  private readonly consumer: Consumer;
  private readonly decode: (value: Buffer) => Promise<T> | T;
  private readonly handlers: ((record: WatchedRecord<T>) => void)[] = [];

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    registryUrl: string,
    private readonly groupId: string,
    decode?: (value: Buffer) => Promise<T> | T,
  ) {
    if (decode !== undefined) this.decode = decode;
    else {
      const serde = new AvroSerde(registryUrl);
      this.decode = async (value) => (await serde.decode(value)) as T;
    }
    this.consumer = kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: 100,
    });
  }

  onRecord(handler: (record: WatchedRecord<T>) => void): this {
    this.handlers.push(handler);
    return this;
  }

  async start(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    const ends = await admin.fetchTopicOffsets(this.topic).finally(() => admin.disconnect());
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [this.topic], fromBeginning: false });
    await this.consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          if (message.value === null) continue;
          const value = await this.decode(message.value);
          const record = {
            value,
            partition: batch.partition,
            offset: message.offset,
            timestamp: Number(message.timestamp),
            headers: decodeHeaders(message.headers),
          };
          for (const handler of this.handlers) handler(record);
        }
      },
    });
    for (const end of ends)
      this.consumer.seek({ topic: this.topic, partition: end.partition, offset: end.offset });
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
    const admin = this.kafka.admin();
    await admin.connect();
    await admin.deleteGroups([this.groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}
