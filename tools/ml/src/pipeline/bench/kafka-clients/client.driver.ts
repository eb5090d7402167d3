import { DEFAULT_SESSION_TIMEOUT_MS } from '@rtml/kafka';
import type {
  DurableRecordPublisher,
  GroupConsumers,
  IncomingRecord,
  KafkaClientName,
  OutgoingRecord,
} from '@rtml/kafka';
import { benchLogger } from '../bench.logger';

/**
 * One Kafka client driven the way the pipeline drives it: the pipeline's publisher on it (an
 * idempotent producer, acks from all in-sync replicas, keys partitioned as the Java client does),
 * and the stage consumer's group consumer on it (`GroupConsumer`: `read_committed`, manual
 * commits, each record mapped to our `IncomingRecord`, six partitions at a time).
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

/** A driver on one client: the pipeline's publisher and group consumers on it. */
export class PipelineClientDriver implements ClientDriver {
  constructor(
    readonly name: KafkaClientName,
    private readonly publisher: DurableRecordPublisher,
    private readonly consumers: GroupConsumers,
  ) {}

  async connect(): Promise<void> {
    await this.publisher.connect();
  }

  async produce(records: readonly OutgoingRecord[], batchSize: number): Promise<void> {
    for (let start = 0; start < records.length; start += batchSize)
      await this.publisher.publish(records.slice(start, start + batchSize));
  }

  /** Each batch's offset is committed after it, as at least once does after its publish. */
  async consume(
    topic: string,
    groupId: string,
    count: number,
    onRecord: (record: IncomingRecord) => void,
  ): Promise<void> {
    const consumer = this.consumers({
      groupId,
      topics: [topic],
      fromBeginning: true,
      sessionTimeoutMs: DEFAULT_SESSION_TIMEOUT_MS,
      partitionsConcurrently: 6,
      logger: benchLogger,
    });
    let seen = 0;
    let finish: (error?: unknown) => void = () => undefined;
    const finished = new Promise<void>(
      (resolve, reject) => (finish = (error) => (error === undefined ? resolve() : reject(error))),
    );
    try {
      await consumer.start({
        onBatch: async (batch) => {
          for (const record of batch.records.records) onRecord(record);
          seen += batch.records.records.length;
          await consumer.commit([batch.position]);
          batch.done();
          if (seen >= count) finish();
        },
        onRevoked: () => undefined,
        onRecovering: () => undefined,
        onCrash: (error) => finish(error),
      });
      await within(finished, CONSUME_TIMEOUT_MS, `${this.name} reading ${count} records`);
    } finally {
      await consumer.disconnect();
    }
  }

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
