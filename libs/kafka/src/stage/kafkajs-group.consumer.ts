import type { Admin, Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { toRecordBatch } from '../record-batch.mapper';
import { assignedPartitions, latestPerPartition } from './group-consumer';
import type {
  ClaimedBatch,
  GroupConsumer,
  GroupConsumerEvents,
  GroupConsumerSettings,
  GroupConsumers,
  TopicPartition,
} from './group-consumer';
import type { BatchPosition } from './stage.delivery';

/** Group consumers on KafkaJS, the default client. */
export const kafkaJsGroupConsumers =
  (kafka: Kafka): GroupConsumers =>
  (settings) =>
    new KafkaJsGroupConsumer(kafka, settings);

/**
 * Reads a group's committed offsets with a KafkaJS admin, connected on first use and kept until
 * `close()`.
 */
export class KafkaJsCommittedOffsets {
  private admin: Promise<Admin> | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly groupId: string,
  ) {}

  async read(topic: string, partition: number): Promise<string | undefined> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })().catch((error: unknown) => {
      this.admin = undefined;
      throw error;
    });
    const admin = await this.admin;
    const [committed] = await admin.fetchOffsets({ groupId: this.groupId, topics: [topic] });
    const offset = committed?.partitions.find((p) => p.partition === partition)?.offset;
    return offset === undefined || offset === '-1' ? undefined : offset;
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.then((a) => a.disconnect()).catch(() => undefined);
  }
}

/**
 * KafkaJS's consumer: `eachBatch` per partition, manual offsets, the group heartbeated by the
 * batch while it backs off. KafkaJS restarts its run loop itself after most failures.
 */
class KafkaJsGroupConsumer implements GroupConsumer {
  private readonly consumer: Consumer;
  private readonly committed: KafkaJsCommittedOffsets;

  constructor(
    kafka: Kafka,
    private readonly settings: GroupConsumerSettings,
  ) {
    this.consumer = kafka.consumer({
      groupId: settings.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: settings.sessionTimeoutMs,
      heartbeatInterval: 3_000,
      // Default, stated because exactly-once depends on it: aborted outputs are never read.
      readUncommitted: false,
    });
    this.committed = new KafkaJsCommittedOffsets(kafka, settings.groupId);
  }

  async start(events: GroupConsumerEvents): Promise<void> {
    this.watch(events);
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: [...this.settings.topics],
      fromBeginning: this.settings.fromBeginning,
    });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.settings.partitionsConcurrently,
      eachBatch: (payload) => events.onBatch(this.claimed(payload)),
    });
  }

  /**
   * Between a crash and KafkaJS's restart of its run loop there is no group to pause (KafkaJS
   * throws); nothing fetches then, and the disconnect that follows cancels the restart.
   */
  pause(): void {
    try {
      this.consumer.pause(this.settings.topics.map((topic) => ({ topic })));
    } catch (error) {
      this.settings.logger.debug(
        { err: error, groupId: this.settings.groupId },
        'no run loop to pause',
      );
    }
  }

  commit(positions: readonly BatchPosition[]): Promise<void> {
    return this.consumer.commitOffsets(
      latestPerPartition(positions).map(({ topic, partition, nextOffset }) => ({
        topic,
        partition,
        offset: nextOffset,
      })),
    );
  }

  committedOffset(topic: string, partition: number): Promise<string | undefined> {
    return this.committed.read(topic, partition);
  }

  async disconnect(): Promise<void> {
    await this.consumer.disconnect();
    await this.committed.close();
  }

  private claimed(payload: EachBatchPayload): ClaimedBatch {
    const { batch } = payload;
    return {
      records: toRecordBatch(batch),
      // Past the last offset KafkaJS saw, which may be a transaction's marker after the records.
      position: {
        topic: batch.topic,
        partition: batch.partition,
        nextOffset: (BigInt(batch.lastOffset()) + 1n).toString(),
      },
      firstOffset: batch.firstOffset(),
      isCurrent: () => payload.isRunning() && !payload.isStale(),
      heartbeat: () => payload.heartbeat(),
      skipTo: (offset) =>
        this.consumer.seek({ topic: batch.topic, partition: batch.partition, offset }),
      done: () => payload.resolveOffset(batch.lastOffset()),
    };
  }

  /** Partitions no longer held, from each join's assignment; crashes, restarted or not. */
  private watch(events: GroupConsumerEvents): void {
    let held = new Map<string, TopicPartition>();
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
      const now = assignedPartitions(Object.entries(payload.memberAssignment));
      for (const [key, { topic, partition }] of held)
        if (!now.has(key)) events.onRevoked(topic, partition);
      held = now;
    });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      if (payload.restart) events.onRecovering(payload.error);
      else events.onCrash(payload.error);
    });
  }
}
