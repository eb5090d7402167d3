import type { DurableRecordPublisher, IncomingRecord, OutgoingRecord } from '@rtml/kafka';

/** The two clients the bench compares: the project's default and issue 11's candidate. */
export const KAFKA_CLIENTS = ['kafkajs', 'platformatic'] as const;
export type KafkaClientName = (typeof KAFKA_CLIENTS)[number];

/**
 * One Kafka client driven the way the pipeline drives KafkaJS: an idempotent producer (acks from
 * all in-sync replicas, keys partitioned as the Java client does), and a consumer group reading
 * `read_committed` with manual commits, each record mapped to our `IncomingRecord` (header
 * values decoded as UTF-8), so both clients do the work a stage's consumer does.
 */
export interface ClientDriver {
  readonly name: KafkaClientName;
  /** Connects the producer and learns `topic`'s partitions, outside the measured phases. */
  connect(topic: string): Promise<void>;
  /** Produces `records` in publishes of `batchSize`, each awaited before the next. */
  produce(records: readonly OutgoingRecord[], batchSize: number): Promise<void>;
  /**
   * Reads `topic` from the beginning in the consumer group `groupId` until `count` records have
   * arrived, committing what it read as it goes; hands each record to `onRecord`.
   */
  consume(
    topic: string,
    groupId: string,
    count: number,
    onRecord: (record: IncomingRecord) => void,
  ): Promise<void>;
  close(): Promise<void>;
}

/** The producing half of a driver: the pipeline's publisher on the driver's client. */
export abstract class PublisherDriver implements ClientDriver {
  abstract readonly name: KafkaClientName;

  constructor(private readonly publisher: DurableRecordPublisher) {}

  async connect(): Promise<void> {
    await this.publisher.connect();
  }

  async produce(records: readonly OutgoingRecord[], batchSize: number): Promise<void> {
    for (let start = 0; start < records.length; start += batchSize)
      await this.publisher.publish(records.slice(start, start + batchSize));
  }

  abstract consume(
    topic: string,
    groupId: string,
    count: number,
    onRecord: (record: IncomingRecord) => void,
  ): Promise<void>;

  async close(): Promise<void> {
    await this.publisher.disconnect();
  }
}

/** How long a consume may take before the bench gives up on it. */
export const CONSUME_TIMEOUT_MS = 120_000;

/** Rejects when `work` has not settled after `ms`, saying what was being waited for. */
export async function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not done after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
