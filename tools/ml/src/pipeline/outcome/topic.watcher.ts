import type { Consumer, Kafka } from 'kafkajs';
import { AvroSerde, decodeHeaders } from '@rtml/kafka';

export interface WatchedRecord<T> {
  readonly value: T;
  readonly partition: number;
  readonly offset: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Reads what the pipeline writes to one topic from the moment `start()` returns: it notes the
 * end offsets first, then seeks a fresh consumer group there, so nothing produced after
 * `start()` can be missed and nothing older is read. Values are decoded Avro.
 */
export class TopicWatcher<T> {
  private readonly consumer: Consumer;
  private readonly serde: AvroSerde;
  private readonly handlers: ((record: WatchedRecord<T>) => void)[] = [];

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    registryUrl: string,
    private readonly groupId: string,
  ) {
    this.serde = new AvroSerde(registryUrl);
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
          const value = (await this.serde.decode(message.value)) as T;
          const record = {
            value,
            partition: batch.partition,
            offset: message.offset,
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
