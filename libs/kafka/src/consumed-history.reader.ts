import { randomUUID } from 'node:crypto';
import type { Admin, Consumer, Kafka } from 'kafkajs';
import { AppError } from '@rtml/errors';
import { toRecordBatch } from './record-batch.mapper';
import type { RecordBatch } from './record.types';
import { partitionKey } from './stage/group-consumer';

/** The records of one partition in [from, to): offsets in decimal, `to` exclusive. */
export interface PartitionRange {
  readonly topic: string;
  readonly partition: number;
  readonly from: string;
  readonly to: string;
}

export interface ConsumedHistoryOptions {
  /** The group whose committed offsets end the history (it is only read, never joined). */
  readonly groupId: string;
  readonly topics: readonly string[];
  /** Partitions read at the same time; each partition's records are handed over in order. */
  readonly partitionsConcurrently?: number;
}

/**
 * What a consumer group has already consumed and its topics still retain: for each partition,
 * from the earliest retained offset up to the group's committed offset. A stage that keeps side
 * state (features' windows in Redis) rebuilds it from here when the state is lost.
 *
 * Reading needs a consumer, and KafkaJS has no group-less one: a throwaway group of one member
 * (`<groupId>.history.<uuid>`) reads `read_committed` (aborted records are never handed over,
 * as the stage never saw them), commits nothing and is deleted afterwards.
 */
export class ConsumedHistoryReader {
  constructor(
    private readonly kafka: Kafka,
    private readonly options: ConsumedHistoryOptions,
  ) {}

  /** Every partition of the topics, from the brokers' metadata. */
  async partitions(): Promise<{ topic: string; partition: number }[]> {
    return this.withAdmin(async (admin) => {
      const { topics } = await admin.fetchTopicMetadata({ topics: [...this.options.topics] });
      return topics.flatMap(({ name, partitions }) =>
        partitions.map(({ partitionId }) => ({ topic: name, partition: partitionId })),
      );
    });
  }

  /**
   * Per partition: [earliest retained, committed). A partition the group never committed is
   * empty: the group will read it from the beginning itself. So is one whose committed records
   * retention has deleted since.
   */
  async ranges(): Promise<PartitionRange[]> {
    return this.withAdmin(async (admin) => {
      const { groupId, topics } = this.options;
      const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
      const ranges: PartitionRange[] = [];
      for (const topic of topics) {
        const ofTopic = committed.find((c) => c.topic === topic)?.partitions ?? [];
        for (const { partition, low } of await admin.fetchTopicOffsets(topic)) {
          const done = ofTopic.find((c) => c.partition === partition)?.offset ?? '-1';
          const to = done === '-1' || BigInt(done) < BigInt(low) ? low : done;
          ranges.push({ topic, partition, from: low, to });
        }
      }
      return ranges;
    });
  }

  /**
   * Hands every record of the ranges to `onBatch`, a partition's records in offset order (the
   * partitions interleaved), and resolves once every range has been read. Rejects with what
   * `onBatch` threw (nothing after it is handed over), or when `signal` aborts.
   */
  async read(
    ranges: readonly PartitionRange[],
    onBatch: (batch: RecordBatch) => Promise<void>,
    signal?: AbortSignal,
  ): Promise<void> {
    const open = new Map<string, PartitionRange>();
    for (const range of ranges)
      if (BigInt(range.to) > BigInt(range.from)) open.set(keyOf(range), range);
    if (open.size === 0) return;
    const groupId = `${this.options.groupId}.history.${randomUUID()}`;
    const consumer = this.kafka.consumer({ groupId, allowAutoTopicCreation: false });
    try {
      await new Promise<void>((resolve, reject) => {
        let settled = false;
        const finish = (error?: { cause: unknown }) => {
          if (settled) return;
          settled = true;
          if (error === undefined) resolve();
          else reject(error.cause);
        };
        const fail = (cause: unknown) => finish({ cause });
        if (signal?.aborted) return fail(aborted(signal));
        signal?.addEventListener('abort', () => fail(aborted(signal)), { once: true });
        // Partitions with nothing to read are not fetched at all.
        consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
          for (const [topic, partitions] of Object.entries(payload.memberAssignment)) {
            const idle = partitions.filter((partition) => !open.has(keyOf({ topic, partition })));
            if (idle.length > 0) consumer.pause([{ topic, partitions: idle }]);
          }
        });
        // Also fires for batches of control records only, which never reach eachBatch.
        consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
          const range = open.get(keyOf(payload));
          if (range === undefined || BigInt(payload.lastOffset) + 1n < BigInt(range.to)) return;
          open.delete(keyOf(range));
          consumer.pause([{ topic: range.topic, partitions: [range.partition] }]);
          if (open.size === 0) finish();
        });
        consumer.on(consumer.events.CRASH, ({ payload }) => fail(payload.error));
        const eachRecords = async (batch: RecordBatch): Promise<void> => {
          const range = open.get(keyOf(batch));
          if (settled || range === undefined) return;
          const [from, to] = [BigInt(range.from), BigInt(range.to)];
          const records = batch.records.filter(
            (record) => BigInt(record.offset) >= from && BigInt(record.offset) < to,
          );
          // Not rethrown: the read is over, and KafkaJS would only retry the batch.
          if (records.length > 0) await onBatch({ ...batch, records }).catch(fail);
        };
        const topics = [...new Set([...open.values()].map((range) => range.topic))];
        this.start(consumer, topics, eachRecords).catch(fail);
      });
    } finally {
      await consumer.disconnect().catch(() => undefined);
      await this.withAdmin((admin) => admin.deleteGroups([groupId])).catch(() => undefined);
    }
  }

  private async start(
    consumer: Consumer,
    topics: readonly string[],
    eachRecords: (batch: RecordBatch) => Promise<void>,
  ): Promise<void> {
    await consumer.connect();
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: this.options.partitionsConcurrently ?? 4,
      eachBatch: ({ batch }) => eachRecords(toRecordBatch(batch)),
    });
  }

  private async withAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      return await work(admin);
    } finally {
      await admin.disconnect();
    }
  }
}

const keyOf = (at: { topic: string; partition: number }): string =>
  partitionKey(at.topic, at.partition);

const aborted = (signal: AbortSignal): AppError =>
  new AppError('DEPENDENCY_UNAVAILABLE', 'reading the consumed history was stopped', {
    cause: signal.reason,
  });
