import { AppError } from '@rtml/errors';
import { GroupCommitQueue } from '../group-commit.queue';
import { mayBeOneRequestsFault } from '../kafka-error.cause';
import type { RecordPublisher } from '../record-publisher';
import type { OutgoingRecord } from '../record.types';
import { partitionKey } from './group-consumer';
import { stageWriterId } from './stage.writers';
import type { TransactionalWriter, TransactionalWriters } from './transactional-writer';

/** Kafka Streams' names for the two ways a stage's outputs and offsets reach the broker. */
export const PROCESSING_GUARANTEES = ['exactly_once_v2', 'at_least_once'] as const;
export type ProcessingGuarantee = (typeof PROCESSING_GUARANTEES)[number];

/** Where a partition's batch ends: the offset the group resumes from once it is delivered. */
export interface BatchPosition {
  readonly topic: string;
  readonly partition: number;
  /** The offset after the batch's last record, in decimal. */
  readonly nextOffset: string;
}

/** Makes a batch's outputs durable and moves its partition's committed offset past it. */
export interface StageDelivery {
  readonly guarantee: ProcessingGuarantee;
  /**
   * Called before a partition's batch is processed. Resolves to the group's committed offset
   * when this replica has just taken the partition over from a previous writer (whose last
   * transaction is now finished, one way or the other), so records below it are skipped;
   * undefined when nothing needs checking.
   */
  begin(topic: string, partition: number): Promise<string | undefined>;
  deliver(position: BatchPosition, records: readonly OutgoingRecord[]): Promise<void>;
  /** A partition is no longer ours: its next batch starts with a fresh `begin`. */
  release(topic: string, partition: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * At least once: publish (acks=all, idempotent producer), then commit the offset. A crash between
 * the two replays the batch, so consumers of the outputs see it twice and dedupe by event id.
 * Publishes and commits of partitions processed at once are group-committed (one produce request,
 * one OffsetCommit).
 */
export class AtLeastOnceDelivery implements StageDelivery {
  readonly guarantee = 'at_least_once';
  private readonly commits: GroupCommitQueue<BatchPosition>;

  constructor(
    private readonly publisher: RecordPublisher,
    commit: (positions: readonly BatchPosition[]) => Promise<void>,
  ) {
    this.commits = new GroupCommitQueue(commit, mayBeOneRequestsFault);
  }

  begin(): Promise<undefined> {
    return Promise.resolve(undefined);
  }

  async deliver(position: BatchPosition, records: readonly OutgoingRecord[]): Promise<void> {
    await this.publisher.publish(records);
    await this.commits.submit(position);
  }

  release(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

export interface ExactlyOnceOptions {
  readonly groupId: string;
  /** How long the broker keeps a transaction open before aborting it (a crashed writer's). */
  readonly transactionTimeoutMs?: number;
  /** The writers of the transactional ids, on either client. */
  readonly writers: TransactionalWriters;
  /** The group's committed offset of a partition (the stage consumer's client reads it). */
  readonly committedOffset: (topic: string, partition: number) => Promise<string | undefined>;
}

/**
 * Exactly once on Kafka: each batch's outputs and its offset go in ONE transaction, so a consumer
 * reading `read_committed` sees a batch's outputs once or not at all, whatever crashes.
 *
 * One transactional writer per input partition (`TransactionalWriter`, on KafkaJS or
 * @platformatic/kafka), its id derived from the group, topic and partition. Whoever owns the
 * partition next initialises the same id, which fences the previous owner (a zombie's later
 * commit fails) and finishes its open transaction, so a crashed writer's transaction does not
 * hold `read_committed` readers until it times out. KIP-447's fencing by group generation needs
 * a client that sends it; KafkaJS does not, so this is the per-partition scheme Kafka Streams
 * used before it, on both clients.
 */
export class ExactlyOnceDelivery implements StageDelivery {
  readonly guarantee = 'exactly_once_v2';
  private readonly writers = new Map<string, Promise<TransactionalWriter>>();

  constructor(private readonly options: ExactlyOnceOptions) {}

  async begin(topic: string, partition: number): Promise<string | undefined> {
    const key = partitionKey(topic, partition);
    if (this.writers.has(key)) return undefined;
    const writer = this.createWriter(topic, partition);
    this.writers.set(key, writer);
    try {
      await writer;
      return await this.options.committedOffset(topic, partition);
    } catch (error) {
      await this.release(topic, partition);
      throw new AppError('DEPENDENCY_UNAVAILABLE', 'could not take over the partition’s writer', {
        cause: error,
      });
    }
  }

  async deliver(position: BatchPosition, records: readonly OutgoingRecord[]): Promise<void> {
    const { topic, partition, nextOffset } = position;
    const writer = await this.writers.get(partitionKey(topic, partition));
    if (writer === undefined) throw new AppError('INTERNAL', 'deliver() before begin()');
    try {
      await writer.commitTransaction(records, {
        groupId: this.options.groupId,
        topic,
        partition,
        nextOffset,
      });
    } catch (error) {
      // Fenced, timed out or in doubt: a fresh writer (re-initialised id) settles the
      // transaction, and the next begin() tells from the committed offset whether it landed.
      await this.release(topic, partition);
      throw unavailable('the transaction did not commit', error);
    }
  }

  async release(topic: string, partition: number): Promise<void> {
    const key = partitionKey(topic, partition);
    const writer = this.writers.get(key);
    this.writers.delete(key);
    await writer?.then((w) => w.disconnect()).catch(() => undefined);
  }

  async close(): Promise<void> {
    const writers = [...this.writers.values()];
    this.writers.clear();
    await Promise.all(writers.map((w) => w.then((x) => x.disconnect()).catch(() => undefined)));
  }

  private async createWriter(topic: string, partition: number): Promise<TransactionalWriter> {
    const writer = this.options.writers(
      stageWriterId(this.options.groupId, topic, partition),
      this.options.transactionTimeoutMs ?? 60_000,
    );
    // Fences the previous writer before this replica reads the committed offset.
    await writer.connect();
    return writer;
  }
}

const unavailable = (message: string, cause: unknown): AppError =>
  new AppError('DEPENDENCY_UNAVAILABLE', message, { cause });
