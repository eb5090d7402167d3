import type { Consumer, Kafka } from 'kafkajs';
import { AvroSerde, decodeHeaders } from '@rtml/kafka';

export interface Collected<T> {
  readonly value: T;
  readonly key: string | null;
  readonly headers: Readonly<Record<string, string>>;
}

/** Everything written to one topic since the collector started (from the beginning), decoded. */
export class TopicCollector<T> {
  readonly records: Collected<T>[] = [];
  private readonly consumer: Consumer;
  private readonly serde: AvroSerde;

  constructor(
    kafka: Kafka,
    private readonly topic: string,
    registryUrl: string,
    groupId: string,
  ) {
    this.serde = new AvroSerde(registryUrl);
    this.consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [this.topic], fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        if (message.value === null) return;
        this.records.push({
          value: (await this.serde.decode(message.value)) as T,
          key: message.key?.toString('utf8') ?? null,
          headers: decodeHeaders(message.headers),
        });
      },
    });
  }

  values(): T[] {
    return this.records.map((record) => record.value);
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}
