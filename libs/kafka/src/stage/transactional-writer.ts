import { Partitioners } from 'kafkajs';
import type { Kafka, Producer } from 'kafkajs';
import { groupByTopic } from '../record-publisher';
import { MAX_REQUEST_BYTES, chunksUnder } from '../record-size';
import type { OutgoingRecord } from '../record.types';

/** Where a transaction moves its consumer group's offset: past the batch it carries. */
export interface TransactionOffset {
  readonly groupId: string;
  readonly topic: string;
  readonly partition: number;
  /** The offset after the batch's last record, in decimal. */
  readonly nextOffset: string;
}

/**
 * The writer of one transactional id: one input partition's outputs under exactly-once
 * (`ExactlyOnceDelivery`), on either Kafka client.
 */
export interface TransactionalWriter {
  /**
   * Initialises the transactional id. That fences the id's previous writer (its later sends
   * and commits fail) and finishes its open transaction, before anything else is read.
   */
  connect(): Promise<void>;
  /** The records and the group's offset, in one transaction: committed together or not at all. */
  commitTransaction(records: readonly OutgoingRecord[], offset: TransactionOffset): Promise<void>;
  disconnect(): Promise<void>;
}

/** Makes the writer of a transactional id; the broker's transaction timeout in milliseconds. */
export type TransactionalWriters = (
  transactionalId: string,
  timeoutMs: number,
) => TransactionalWriter;

/** Transactional writers on KafkaJS, the default. */
export const kafkaJsWriters =
  (kafka: Kafka): TransactionalWriters =>
  (transactionalId, timeoutMs) =>
    new KafkaJsTransactionalWriter(
      kafka.producer({
        transactionalId,
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
        transactionTimeout: timeoutMs,
        // The broker answers CONCURRENT_TRANSACTIONS while the previous commit's markers are
        // written (milliseconds); the default 100 ms first retry would pace every partition.
        retry: { initialRetryTime: 10, maxRetryTime: 1_000, retries: 10 },
      }),
    );

class KafkaJsTransactionalWriter implements TransactionalWriter {
  constructor(private readonly producer: Producer) {}

  async connect(): Promise<void> {
    await this.producer.connect();
    // KafkaJS initialises the transactional id at the first transaction, not at connect: an
    // empty one does it now (no EndTxn is sent).
    await (await this.producer.transaction()).abort();
  }

  async commitTransaction(
    records: readonly OutgoingRecord[],
    offset: TransactionOffset,
  ): Promise<void> {
    const transaction = await this.producer.transaction();
    try {
      for (const chunk of chunksUnder(records, MAX_REQUEST_BYTES))
        await transaction.sendBatch({ acks: -1, topicMessages: groupByTopic(chunk) });
      await transaction.sendOffsets({
        consumerGroupId: offset.groupId,
        topics: [
          {
            topic: offset.topic,
            partitions: [{ partition: offset.partition, offset: offset.nextOffset }],
          },
        ],
      });
      await transaction.commit();
    } catch (error) {
      await transaction.abort().catch(() => undefined);
      throw error;
    }
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }
}
