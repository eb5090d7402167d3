import type { Kafka } from 'kafkajs';
import { KafkaRecordPublisher, toRecordBatch } from '@rtml/kafka';
import type { IncomingRecord } from '@rtml/kafka';
import { CONSUME_TIMEOUT_MS, PublisherDriver, within } from './client.driver';

/**
 * KafkaJS as the pipeline runs it: the pipeline's own publisher (`KafkaRecordPublisher`) and a
 * consumer with the stage consumer's settings (`eachBatch`, no auto-commit, six partitions at a
 * time, `toRecordBatch` for each batch, its offset committed after it).
 */
export class KafkaJsDriver extends PublisherDriver {
  readonly name = 'kafkajs';

  constructor(private readonly kafka: Kafka) {
    super(new KafkaRecordPublisher(kafka));
  }

  async consume(
    topic: string,
    groupId: string,
    count: number,
    onRecord: (record: IncomingRecord) => void,
  ): Promise<void> {
    const consumer = this.kafka.consumer({ groupId, allowAutoTopicCreation: false });
    let seen = 0;
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: 6,
        eachBatch: async ({ batch, resolveOffset }) => {
          for (const record of toRecordBatch(batch).records) onRecord(record);
          seen += batch.messages.length;
          resolveOffset(batch.lastOffset());
          const next = (BigInt(batch.lastOffset()) + 1n).toString();
          await consumer.commitOffsets([{ topic, partition: batch.partition, offset: next }]);
          if (seen >= count) finish();
        },
      });
      await within(finished, CONSUME_TIMEOUT_MS, `kafkajs reading ${count} records`);
    } finally {
      await consumer.disconnect();
    }
  }
}
