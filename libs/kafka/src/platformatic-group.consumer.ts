import {
  Consumer,
  FetchIsolationLevels,
  MessagesStreamFallbackModes,
  MessagesStreamModes,
} from '@platformatic/kafka';
import type { GroupAssignment, Message, MessagesStream } from '@platformatic/kafka';
import type { Kafka } from 'kafkajs';
import type { KafkaClientName } from './kafka-client';
import { platformaticConnection } from './platformatic-producer';
import type { PlatformaticPublisherOptions } from './platformatic-producer';
import { fromPlatformaticMessage } from './record-batch.mapper';
import { assignedPartitions, latestPerPartition, partitionKey } from './stage/group-consumer';
import type {
  ClaimedBatch,
  GroupConsumer,
  GroupConsumerEvents,
  GroupConsumerSettings,
  GroupConsumers,
} from './stage/group-consumer';
import { kafkaJsGroupConsumers } from './stage/kafkajs-group.consumer';
import type { BatchPosition } from './stage/stage.delivery';

type PlatformaticMessage = Message<Buffer, Buffer, Buffer, Buffer>;

/** The most records one batch carries (KafkaJS's batch is one fetch's worth of a partition). */
const MAX_BATCH_RECORDS = 2_000;
/** Records read ahead of the stage, all partitions together, before fetching pauses. */
const READ_AHEAD_RECORDS = 10_000;
/** How often the partitions' high watermarks are read, for the lag gauge. */
const HIGH_WATERMARKS_EVERY_MS = 5_000;

/**
 * The group consumers on `client` (`KAFKA_CLIENT`): KafkaJS's on `kafka`, or @platformatic/kafka's
 * with their own connections.
 */
export const groupConsumersOn = (
  client: KafkaClientName,
  kafka: Kafka,
  platformatic: PlatformaticPublisherOptions,
): GroupConsumers =>
  client === 'platformatic'
    ? platformaticGroupConsumers(platformatic)
    : kafkaJsGroupConsumers(kafka);

/** Group consumers on @platformatic/kafka (`KAFKA_CLIENT=platformatic`). */
export const platformaticGroupConsumers =
  (connection: PlatformaticPublisherOptions): GroupConsumers =>
  (settings) =>
    new PlatformaticGroupConsumer(connection, settings);

/** One assigned partition: the records read and not yet handed over, in offset order. */
interface PartitionQueue {
  readonly topic: string;
  readonly partition: number;
  readonly waiting: PlatformaticMessage[];
  /** Records below were handed over already: the stream reads them again after a rebalance. */
  next: bigint;
  busy: boolean;
  highWatermark: bigint;
}

/**
 * @platformatic/kafka's consumer under the stage consumer. The library hands over one message at
 * a time from a stream that keeps fetching; this gathers each partition's messages into batches
 * and hands over one batch per partition at a time, at most `partitionsConcurrently` at once.
 *
 * - **Rebalances.** The library rejoins by itself (its heartbeat runs on a timer, so a long batch
 *   does not lose the group) and, after every join, reads the group's committed offsets again
 *   and fetches from there. A partition kept across the join keeps its queue and its in-flight
 *   batch; what the stream reads again below the records already taken is dropped. A revoked
 *   partition's queue is dropped and its in-flight batch is no longer current.
 * - **Skipping.** `skipTo` puts the batch's records at and past the offset back at the head of
 *   the queue, and drops whatever the stream still brings below it.
 * - **Positions.** Control records are not handed over, so a batch's position is the offset after
 *   its last record; a transaction's marker after it is read again (and skipped) after a restart.
 * - **Backpressure.** Past `READ_AHEAD_RECORDS` waiting records the stream is paused.
 * - **Failures.** The stream ending or failing is a crash: the host replaces the consumer.
 */
class PlatformaticGroupConsumer implements GroupConsumer {
  private readonly consumer: Consumer<Buffer, Buffer, Buffer, Buffer>;
  private stream: MessagesStream<Buffer, Buffer, Buffer, Buffer> | undefined;
  private events: GroupConsumerEvents | undefined;
  private readonly partitions = new Map<string, PartitionQueue>();
  private inFlight = 0;
  private readAhead = 0;
  private paused = false;
  private throttled = false;
  private dispatchScheduled = false;
  private closing = false;
  private crashed = false;
  private highWatermarks: NodeJS.Timeout | undefined;

  constructor(
    connection: PlatformaticPublisherOptions,
    private readonly settings: GroupConsumerSettings,
  ) {
    this.consumer = new Consumer({
      ...platformaticConnection(connection),
      groupId: settings.groupId,
      // The group's timings; the stream's joins fall back to these.
      sessionTimeout: settings.sessionTimeoutMs,
      rebalanceTimeout: Math.max(settings.sessionTimeoutMs, 60_000),
      heartbeatInterval: 3_000,
      autocommit: false,
      // Stated because exactly-once depends on it: aborted outputs are never read.
      isolationLevel: FetchIsolationLevels.READ_COMMITTED,
      // KafkaJS's fetch sizes, so a batch is about the same on both clients.
      maxBytes: 10 * 1024 * 1024,
      maxBytesPerPartition: 1024 * 1024,
      maxWaitTime: 5_000,
    });
  }

  async start(events: GroupConsumerEvents): Promise<void> {
    this.events = events;
    this.consumer.on('consumer:group:join', ({ assignments }) => this.assigned(assignments ?? []));
    const stream = await this.consumer.consume({
      topics: [...this.settings.topics],
      autocommit: false,
      mode: MessagesStreamModes.COMMITTED,
      fallbackMode: this.settings.fromBeginning
        ? MessagesStreamFallbackModes.EARLIEST
        : MessagesStreamFallbackModes.LATEST,
    });
    this.stream = stream;
    stream.on('data', (message) => this.received(message));
    stream.on('error', (error) => this.failed(error));
    stream.on('close', () => this.failed(new Error('the message stream closed')));
    this.highWatermarks = setInterval(
      () => void this.readHighWatermarks(),
      HIGH_WATERMARKS_EVERY_MS,
    );
    this.highWatermarks.unref();
  }

  pause(): void {
    this.paused = true;
    this.stream?.pause();
  }

  async commit(positions: readonly BatchPosition[]): Promise<void> {
    await this.consumer.commit({
      offsets: latestPerPartition(positions).map(({ topic, partition, nextOffset }) => ({
        topic,
        partition,
        offset: BigInt(nextOffset),
        leaderEpoch: -1,
      })),
    });
  }

  async committedOffset(topic: string, partition: number): Promise<string | undefined> {
    const committed = await this.consumer.listCommittedOffsets({
      topics: [{ topic, partitions: [partition] }],
    });
    const offset = committed.get(topic)?.[partition];
    return offset === undefined || offset < 0n ? undefined : offset.toString();
  }

  async disconnect(): Promise<void> {
    this.closing = true;
    clearInterval(this.highWatermarks);
    // Forced: closes the stream first, then leaves the group.
    await this.consumer.close(true);
  }

  private assigned(assignments: readonly GroupAssignment[]): void {
    const now = assignedPartitions(assignments.map((a) => [a.topic, a.partitions] as const));
    for (const [key, queue] of this.partitions) {
      if (now.has(key)) continue;
      this.partitions.delete(key);
      this.readAhead -= queue.waiting.length;
      this.events?.onRevoked(queue.topic, queue.partition);
    }
    for (const [key, { topic, partition }] of now)
      if (!this.partitions.has(key))
        this.partitions.set(key, {
          topic,
          partition,
          waiting: [],
          next: -1n,
          busy: false,
          highWatermark: -1n,
        });
    this.unthrottle();
  }

  private received(message: PlatformaticMessage): void {
    const queue = this.partitions.get(partitionKey(message.topic, message.partition));
    // Revoked, or read again after a rebalance: either way not this replica's to hand over.
    if (queue === undefined || message.offset < queue.next) return;
    queue.waiting.push(message);
    queue.next = message.offset + 1n;
    this.readAhead += 1;
    if (this.readAhead >= READ_AHEAD_RECORDS && !this.throttled) {
      this.throttled = true;
      this.stream?.pause();
    }
    this.scheduleDispatch();
  }

  /** After the current tick, so one fetch's messages of a partition go in one batch. */
  private scheduleDispatch(): void {
    if (this.dispatchScheduled) return;
    this.dispatchScheduled = true;
    setImmediate(() => {
      this.dispatchScheduled = false;
      this.dispatch();
    });
  }

  private dispatch(): void {
    if (this.paused || this.closing) return;
    for (const [key, queue] of [...this.partitions]) {
      if (this.inFlight >= this.settings.partitionsConcurrently) return;
      if (queue.busy || queue.waiting.length === 0) continue;
      // To the back of the line, so every partition gets its turn.
      this.partitions.delete(key);
      this.partitions.set(key, queue);
      this.handOver(key, queue);
    }
  }

  private handOver(key: string, queue: PartitionQueue): void {
    const messages = queue.waiting.splice(0, MAX_BATCH_RECORDS);
    this.readAhead -= messages.length;
    this.unthrottle();
    const { topic, partition } = queue;
    const nextOffset = messages[messages.length - 1]!.offset + 1n;
    const batch: ClaimedBatch = {
      records: {
        topic,
        partition,
        records: messages.map(fromPlatformaticMessage),
        highWatermark: (queue.highWatermark > nextOffset
          ? queue.highWatermark
          : nextOffset
        ).toString(),
      },
      position: { topic, partition, nextOffset: nextOffset.toString() },
      firstOffset: messages[0]!.offset.toString(),
      isCurrent: () => !this.closing && !this.crashed && this.partitions.get(key) === queue,
      // The library heartbeats on its own timer, whatever the batch does.
      heartbeat: () => Promise.resolve(),
      skipTo: (offset) => {
        const from = BigInt(offset);
        const rest = messages.filter((message) => message.offset >= from);
        queue.waiting.unshift(...rest);
        this.readAhead += rest.length;
        if (from > queue.next) queue.next = from;
      },
      done: () => undefined,
    };
    queue.busy = true;
    this.inFlight += 1;
    void this.events!.onBatch(batch)
      .catch((error: unknown) => this.failed(error))
      .finally(() => {
        queue.busy = false;
        this.inFlight -= 1;
        this.scheduleDispatch();
      });
  }

  private unthrottle(): void {
    if (!this.throttled || this.readAhead >= READ_AHEAD_RECORDS / 2) return;
    this.throttled = false;
    if (!this.paused) this.stream?.resume();
  }

  private async readHighWatermarks(): Promise<void> {
    try {
      const offsets = await this.consumer.listOffsets({
        topics: [...this.settings.topics],
        isolationLevel: FetchIsolationLevels.READ_COMMITTED,
      });
      for (const queue of this.partitions.values()) {
        const offset = offsets.get(queue.topic)?.[queue.partition];
        if (offset !== undefined) queue.highWatermark = offset;
      }
    } catch (error) {
      this.settings.logger.debug(
        { err: error, groupId: this.settings.groupId },
        'could not read the high watermarks',
      );
    }
  }

  private failed(error: unknown): void {
    if (this.closing || this.crashed) return;
    this.crashed = true;
    clearInterval(this.highWatermarks);
    this.events?.onCrash(error);
  }
}
