import type { Logger } from '@rtml/observability';
import type { RecordBatch } from '../record.types';
import type { BatchPosition } from './stage.delivery';

/** One partition's batch as a client hands it over, and what the stage consumer may ask of it. */
export interface ClaimedBatch {
  readonly records: RecordBatch;
  /** Where the group resumes once the batch is delivered. */
  readonly position: BatchPosition;
  /** The batch's first offset, in decimal; null when it holds control records only. */
  readonly firstOffset: string | null;
  /**
   * False once the batch is no longer this replica's to deliver: the client stopped, or the
   * partition was revoked (or moved on) since the batch was handed over.
   */
  isCurrent(): boolean;
  /** Keeps the membership alive while the batch backs off, where the client does not itself. */
  heartbeat(): Promise<void>;
  /**
   * A previous writer delivered the records below `offset`: this batch is not delivered, and
   * the partition goes on from `offset`.
   */
  skipTo(offset: string): void;
  /** The batch was delivered: the client may hand over the partition's next one. */
  done(): void;
}

/** What a group consumer tells the stage consumer. */
export interface GroupConsumerEvents {
  /** One batch per partition at a time, in offset order; resolves once it is settled. */
  onBatch(batch: ClaimedBatch): Promise<void>;
  /** A partition this replica held is no longer its. */
  onRevoked(topic: string, partition: number): void;
  /** The client failed and restarts by itself; uncommitted batches are fetched again. */
  onRecovering(error: unknown): void;
  /** The client failed for good: the consumer is to be replaced. */
  onCrash(error: unknown): void;
}

/** A member of a consumer group on one Kafka client, as the stage consumer drives it. */
export interface GroupConsumer {
  /** Joins the group and starts handing over batches (read_committed, no auto-commit). */
  start(events: GroupConsumerEvents): Promise<void>;
  /** No new batch is handed over; the in-flight ones go on. */
  pause(): void;
  /** Moves the group's committed offsets to the positions (the highest of each partition). */
  commit(positions: readonly BatchPosition[]): Promise<void>;
  /** The group's committed offset of a partition, in decimal; undefined when there is none. */
  committedOffset(topic: string, partition: number): Promise<string | undefined>;
  /** Leaves the group and closes the connections. */
  disconnect(): Promise<void>;
}

export interface GroupConsumerSettings {
  readonly groupId: string;
  readonly topics: readonly string[];
  /** Where a partition with no committed offset starts: the earliest offset, or the latest. */
  readonly fromBeginning: boolean;
  readonly sessionTimeoutMs: number;
  /** Partitions whose batches are in flight at the same time. */
  readonly partitionsConcurrently: number;
  readonly logger: Logger;
}

/** Makes the group consumers of one client (`KAFKA_CLIENT`). */
export type GroupConsumers = (settings: GroupConsumerSettings) => GroupConsumer;

/** A partition's key in maps of partitions. */
export const partitionKey = (topic: string, partition: number): string =>
  `${topic}\u0000${partition}`;

export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

/** A group assignment's partitions (topic, then its partition numbers) by `partitionKey`. */
export function assignedPartitions(
  assignment: Iterable<readonly [string, readonly number[]]>,
): Map<string, TopicPartition> {
  const assigned = new Map<string, TopicPartition>();
  for (const [topic, partitions] of assignment)
    for (const partition of partitions)
      assigned.set(partitionKey(topic, partition), { topic, partition });
  return assigned;
}

/** One offset per partition, the highest: commits of one partition only ever move forward. */
export function latestPerPartition(positions: readonly BatchPosition[]): BatchPosition[] {
  const latest = new Map<string, BatchPosition>();
  for (const position of positions) {
    const key = partitionKey(position.topic, position.partition);
    const seen = latest.get(key);
    if (seen === undefined || BigInt(position.nextOffset) > BigInt(seen.nextOffset))
      latest.set(key, position);
  }
  return [...latest.values()];
}
