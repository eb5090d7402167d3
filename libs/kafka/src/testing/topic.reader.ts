import type { Consumer, Kafka } from 'kafkajs';
import { toRecordBatch } from '../index';
import type { RecordBatch } from '../index';

export interface TopicReaderOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  /** Also read records of open and aborted transactions (what a careless consumer sees). */
  readonly readUncommitted?: boolean;
}

/**
 * Reads topics from the beginning for a test, batch by batch, `read_committed` (the KafkaJS
 * default): what a downstream consumer of the pipeline sees. It commits nothing.
 */
export class TopicReader {
  private readonly consumer: Consumer;

  constructor(
    kafka: Kafka,
    private readonly options: TopicReaderOptions,
  ) {
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      maxWaitTimeInMs: 100,
      readUncommitted: options.readUncommitted ?? false,
    });
  }

  async start(onBatch: (batch: RecordBatch) => Promise<void> | void): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.options.topics], fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        if (!batch.isEmpty()) await onBatch(toRecordBatch(batch));
      },
    });
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}
