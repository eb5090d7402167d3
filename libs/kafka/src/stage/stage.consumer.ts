import type { Consumer, EachBatchPayload, Kafka, TopicPartitionOffset } from 'kafkajs';
import { toAppError } from '@rtml/errors';
import type { Logger, PipelineMetrics } from '@rtml/observability';
import type { RecordPublisher } from '../record-publisher';
import { toRecordBatch } from '../record-batch.mapper';
import type { RecordBatch } from '../record.types';
import { DEFAULT_BACKOFF, backoffDelay } from '../retry-policy';
import type { BackoffOptions } from '../retry-policy';
import { AtLeastOnceDelivery, ExactlyOnceDelivery } from './stage.delivery';
import type { BatchPosition, ProcessingGuarantee, StageDelivery } from './stage.delivery';
import type { StageResult, StageRunner } from './stage.runner';
import type { TransactionalWriters } from './transactional-writer';

export interface StageConsumerOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly guarantee: ProcessingGuarantee;
  /** The at-least-once publisher; exactly-once makes its own transactional writers. */
  readonly publisher: RecordPublisher;
  /** The client of exactly-once's writers; KafkaJS on the consumer's `kafka` by default. */
  readonly transactionalWriters?: TransactionalWriters;
  readonly logger: Logger;
  readonly metrics?: PipelineMetrics;
  /** Where a group with no committed offset starts. Default: the earliest offset (lose nothing). */
  readonly fromBeginning?: boolean;
  readonly backoff?: BackoffOptions;
  /** Partitions processed at the same time by this replica. */
  readonly partitionsConcurrently?: number;
  readonly sessionTimeoutMs?: number;
  /** How long `stop()` lets in-flight batches finish before it leaves them to the next owner. */
  readonly drainTimeoutMs?: number;
  /** Called when the client's run loop died for good: the host restarts it, or exits. */
  readonly onCrash?: (error: unknown) => void;
}

const NO_OUTPUT: StageResult = { records: [], deadLettered: [] };

/**
 * The group session timeout unless `sessionTimeoutMs` says otherwise. A batch heartbeats only
 * while it backs off, so a stage's own work on one batch must stay well within it.
 */
export const DEFAULT_SESSION_TIMEOUT_MS = 30_000;

/**
 * Runs a stage on a consumer group.
 *
 * Delivery guarantee: a batch's outputs (and dead letters) are delivered and its offset moved in
 * one step of the configured guarantee (`StageDelivery`): at least once, publish then commit;
 * exactly once, one Kafka transaction. A failure anywhere is retried with backoff, heartbeating
 * so the group keeps the partition, until it succeeds or the partition is revoked; a batch is
 * never skipped. A record that can never succeed is the runner's to dead-letter.
 *
 * Graceful stop (`stop()`): no new batch starts, the in-flight ones finish, deliver and commit
 * (KafkaJS drops a commit made after its runner stopped, so the group is left only after that),
 * then the consumer leaves the group. Nothing is replayed after a graceful stop within
 * `drainTimeoutMs`.
 *
 * Each claim has the test that fails without it, in stage.consumer.int-spec.ts: "retries a failed
 * batch and commits it once it succeeds", "finishes, delivers and commits the in-flight batch on
 * a graceful stop" (both guarantees), "outputs of a transaction that aborted are never read by
 * read_committed consumers" and "a new writer of a partition fences the old one".
 */
export class StageConsumer {
  private readonly consumer: Consumer;
  private readonly delivery: StageDelivery;
  private running = false;
  private stopping = false;
  /** Past the drain deadline: in-flight batches give up without delivering. */
  private abandoned = false;
  private readonly inFlight = new Set<Promise<void>>();
  /** One per in-flight batch: aborted when the batch is given up. */
  private readonly giveUps = new Set<AbortController>();

  constructor(
    kafka: Kafka,
    private readonly runner: StageRunner<unknown>,
    private readonly options: StageConsumerOptions,
  ) {
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: options.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS,
      heartbeatInterval: 3_000,
      // Default, stated because exactly-once depends on it: aborted outputs are never read.
      readUncommitted: false,
    });
    this.delivery =
      options.guarantee === 'exactly_once_v2'
        ? new ExactlyOnceDelivery(kafka, {
            groupId: options.groupId,
            ...(options.transactionalWriters && { writers: options.transactionalWriters }),
          })
        : new AtLeastOnceDelivery(options.publisher, (positions) =>
            this.consumer.commitOffsets(latestPerPartition(positions)),
          );
    this.watchAssignments();
  }

  get groupId(): string {
    return this.options.groupId;
  }

  get guarantee(): ProcessingGuarantee {
    return this.delivery.guarantee;
  }

  /** True from joining the group until a stop or a crash of the client's run loop. */
  get isRunning(): boolean {
    return this.running;
  }

  async start(): Promise<void> {
    this.stopping = false;
    this.abandoned = false;
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: [...this.options.topics],
      fromBeginning: this.options.fromBeginning ?? true,
    });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConcurrently ?? 1,
      eachBatch: (payload) => this.track(this.consumeBatch(payload)),
    });
    this.running = true;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.running) this.pauseFetching();
    const drained = await this.drain(this.options.drainTimeoutMs ?? 20_000);
    if (!drained) {
      this.abandoned = true;
      for (const giveUp of this.giveUps) giveUp.abort();
      this.options.logger.warn(
        { groupId: this.groupId, inFlight: this.inFlight.size },
        'in-flight batches did not finish in time; the next owner replays them',
      );
    }
    this.running = false;
    await this.consumer.disconnect();
    await this.delivery.close();
  }

  /**
   * Between a crash and KafkaJS's restart of its run loop there is no group to pause (KafkaJS
   * throws); nothing fetches then, and the disconnect that follows cancels the restart.
   */
  private pauseFetching(): void {
    try {
      this.consumer.pause(this.options.topics.map((topic) => ({ topic })));
    } catch (error) {
      this.options.logger.debug({ err: error, groupId: this.groupId }, 'no run loop to pause');
    }
  }

  private async drain(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.inFlight.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await Promise.race([
        Promise.allSettled([...this.inFlight]),
        new Promise((resolve) => setTimeout(resolve, left)),
      ]);
    }
    return true;
  }

  private track(work: Promise<void>): Promise<void> {
    this.inFlight.add(work);
    return work.finally(() => this.inFlight.delete(work));
  }

  private async consumeBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (this.stopping) return; // not started: the group resumes from its committed offset
    const records = toRecordBatch(batch);
    const position: BatchPosition = {
      topic: batch.topic,
      partition: batch.partition,
      nextOffset: (BigInt(batch.lastOffset()) + 1n).toString(),
    };
    const giveUp = new AbortController();
    this.giveUps.add(giveUp);
    try {
      await this.processUntilDelivered(payload, records, position, giveUp.signal);
    } finally {
      this.giveUps.delete(giveUp);
    }
  }

  private async processUntilDelivered(
    payload: EachBatchPayload,
    records: RecordBatch,
    position: BatchPosition,
    signal: AbortSignal,
  ): Promise<void> {
    const { batch } = payload;
    for (let attempt = 0; ; attempt += 1) {
      if (!this.mayGoOn(payload)) return; // uncommitted: the next owner replays it
      try {
        const committed = await this.delivery.begin(batch.topic, batch.partition);
        const first = batch.firstOffset();
        if (committed !== undefined && first !== null && BigInt(committed) > BigInt(first)) {
          // A previous writer delivered this batch (or part of it) before it lost the partition.
          this.consumer.seek({ topic: batch.topic, partition: batch.partition, offset: committed });
          return;
        }
        const result =
          records.records.length === 0 ? NO_OUTPUT : await this.runner.run(records, signal);
        if (!this.mayGoOn(payload)) return;
        await this.delivery.deliver(position, result.records);
        payload.resolveOffset(batch.lastOffset());
        this.recordMetrics(records, result, position);
        return;
      } catch (thrown) {
        await this.backOff(thrown, attempt, records, payload);
      }
    }
  }

  private mayGoOn(payload: EachBatchPayload): boolean {
    return !this.abandoned && payload.isRunning() && !payload.isStale();
  }

  private async backOff(
    thrown: unknown,
    attempt: number,
    records: RecordBatch,
    payload: EachBatchPayload,
  ): Promise<void> {
    const error = toAppError(thrown);
    const delayMs = backoffDelay(attempt, this.options.backoff ?? DEFAULT_BACKOFF);
    this.options.metrics?.errors.inc({ code: error.code, retriable: 'true' });
    this.options.logger.warn(
      {
        err: error,
        code: error.code,
        topic: records.topic,
        partition: records.partition,
        firstOffset: records.records[0]?.offset,
        attempt,
        delayMs,
      },
      'batch failed; retrying without commit',
    );
    const deadline = Date.now() + delayMs;
    while (Date.now() < deadline && this.mayGoOn(payload)) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, deadline - Date.now())));
      await payload.heartbeat().catch(() => undefined);
    }
  }

  /**
   * Partitions this replica no longer holds drop their writer, so taking one back later starts
   * with a fresh `begin()` (and its committed-offset check).
   */
  private watchAssignments(): void {
    const held = new Set<string>();
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
      const now = new Set<string>();
      for (const [topic, partitions] of Object.entries(payload.memberAssignment))
        for (const partition of partitions) now.add(`${topic}\u0000${partition}`);
      for (const key of held) {
        if (now.has(key)) continue;
        const [topic, partition] = key.split('\u0000') as [string, string];
        void this.delivery.release(topic, Number(partition));
      }
      held.clear();
      for (const key of now) held.add(key);
    });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      if (payload.restart) {
        // KafkaJS restarts the run loop itself; uncommitted batches are fetched again.
        this.options.logger.warn(
          { err: payload.error, groupId: this.groupId },
          'consumer run loop failed; restarting',
        );
        return;
      }
      this.running = false;
      this.options.logger.error({ err: payload.error, groupId: this.groupId }, 'consumer crashed');
      this.options.onCrash?.(payload.error);
    });
  }

  private recordMetrics(records: RecordBatch, result: StageResult, position: BatchPosition): void {
    const metrics = this.options.metrics;
    if (metrics === undefined) return;
    metrics.recordsConsumed.inc({ topic: records.topic }, records.records.length);
    const perTopic = new Map<string, number>();
    for (const { topic } of result.records) perTopic.set(topic, (perTopic.get(topic) ?? 0) + 1);
    for (const [topic, count] of perTopic) metrics.recordsProduced.inc({ topic }, count);
    // From the position, not the last record: a transaction's marker may follow it.
    const lag = BigInt(records.highWatermark) - BigInt(position.nextOffset);
    metrics.consumerLag.set(
      { topic: records.topic, partition: String(records.partition) },
      Number(lag < 0n ? 0n : lag),
    );
  }
}

/** One offset per partition, the highest: commits of one partition only ever move forward. */
function latestPerPartition(positions: readonly BatchPosition[]): TopicPartitionOffset[] {
  const latest = new Map<string, TopicPartitionOffset>();
  for (const { topic, partition, nextOffset } of positions) {
    const key = `${topic}\u0000${partition}`;
    const seen = latest.get(key);
    if (seen === undefined || BigInt(nextOffset) > BigInt(seen.offset))
      latest.set(key, { topic, partition, offset: nextOffset });
  }
  return [...latest.values()];
}
