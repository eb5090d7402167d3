import type { Kafka } from 'kafkajs';
import { toAppError } from '@rtml/errors';
import type { Logger, PipelineMetrics } from '@rtml/observability';
import type { RecordPublisher } from '../record-publisher';
import type { RecordBatch } from '../record.types';
import { DEFAULT_BACKOFF, backoffDelay } from '../retry-policy';
import type { BackoffOptions } from '../retry-policy';
import type { ClaimedBatch, GroupConsumer, GroupConsumers } from './group-consumer';
import { kafkaJsGroupConsumers } from './kafkajs-group.consumer';
import { AtLeastOnceDelivery, ExactlyOnceDelivery } from './stage.delivery';
import type { BatchPosition, ProcessingGuarantee, StageDelivery } from './stage.delivery';
import type { StageResult, StageRunner } from './stage.runner';
import { kafkaJsWriters } from './transactional-writer';
import type { TransactionalWriters } from './transactional-writer';

export interface StageConsumerOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly guarantee: ProcessingGuarantee;
  /** The at-least-once publisher; exactly-once makes its own transactional writers. */
  readonly publisher: RecordPublisher;
  /** The client of exactly-once's writers; KafkaJS on the consumer's `kafka` by default. */
  readonly transactionalWriters?: TransactionalWriters;
  /** The client of the group consumer (`KAFKA_CLIENT`); KafkaJS on `kafka` by default. */
  readonly groupConsumers?: GroupConsumers;
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
 * Runs a stage on a consumer group, on either client's group consumer (`GroupConsumer`).
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
  private readonly consumer: GroupConsumer;
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
    this.consumer = (options.groupConsumers ?? kafkaJsGroupConsumers(kafka))({
      groupId: options.groupId,
      topics: options.topics,
      fromBeginning: options.fromBeginning ?? true,
      sessionTimeoutMs: options.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS,
      partitionsConcurrently: options.partitionsConcurrently ?? 1,
      logger: options.logger,
    });
    this.delivery =
      options.guarantee === 'exactly_once_v2'
        ? new ExactlyOnceDelivery({
            groupId: options.groupId,
            writers: options.transactionalWriters ?? kafkaJsWriters(kafka),
            committedOffset: (topic, partition) => this.consumer.committedOffset(topic, partition),
          })
        : new AtLeastOnceDelivery(options.publisher, (positions) =>
            this.consumer.commit(positions),
          );
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
    await this.consumer.start({
      onBatch: (batch) => this.track(this.consumeBatch(batch)),
      // Partitions this replica no longer holds drop their writer, so taking one back later
      // starts with a fresh `begin()` (and its committed-offset check).
      onRevoked: (topic, partition) => void this.delivery.release(topic, partition),
      onRecovering: (error) =>
        this.options.logger.warn(
          { err: error, groupId: this.groupId },
          'consumer run loop failed; restarting',
        ),
      onCrash: (error) => {
        this.running = false;
        this.options.logger.error({ err: error, groupId: this.groupId }, 'consumer crashed');
        this.options.onCrash?.(error);
      },
    });
    this.running = true;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.running) this.consumer.pause();
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

  private async consumeBatch(batch: ClaimedBatch): Promise<void> {
    if (this.stopping) return; // not started: the group resumes from its committed offset
    const giveUp = new AbortController();
    this.giveUps.add(giveUp);
    try {
      await this.processUntilDelivered(batch, giveUp.signal);
    } finally {
      this.giveUps.delete(giveUp);
    }
  }

  private async processUntilDelivered(batch: ClaimedBatch, signal: AbortSignal): Promise<void> {
    const { records, position, firstOffset } = batch;
    for (let attempt = 0; ; attempt += 1) {
      if (!this.mayGoOn(batch)) return; // uncommitted: the next owner replays it
      try {
        const committed = await this.delivery.begin(position.topic, position.partition);
        if (
          committed !== undefined &&
          firstOffset !== null &&
          BigInt(committed) > BigInt(firstOffset)
        ) {
          // A previous writer delivered this batch (or part of it) before it lost the partition.
          batch.skipTo(committed);
          return;
        }
        const result =
          records.records.length === 0 ? NO_OUTPUT : await this.runner.run(records, signal);
        if (!this.mayGoOn(batch)) return;
        await this.delivery.deliver(position, result.records);
        batch.done();
        this.recordMetrics(records, result, position);
        return;
      } catch (thrown) {
        await this.backOff(thrown, attempt, batch);
      }
    }
  }

  private mayGoOn(batch: ClaimedBatch): boolean {
    return !this.abandoned && batch.isCurrent();
  }

  private async backOff(thrown: unknown, attempt: number, batch: ClaimedBatch): Promise<void> {
    const error = toAppError(thrown);
    const delayMs = backoffDelay(attempt, this.options.backoff ?? DEFAULT_BACKOFF);
    this.options.metrics?.errors.inc({ code: error.code, retriable: 'true' });
    this.options.logger.warn(
      {
        err: error,
        code: error.code,
        topic: batch.records.topic,
        partition: batch.records.partition,
        firstOffset: batch.records.records[0]?.offset,
        attempt,
        delayMs,
      },
      'batch failed; retrying without commit',
    );
    const deadline = Date.now() + delayMs;
    while (Date.now() < deadline && this.mayGoOn(batch)) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, deadline - Date.now())));
      await batch.heartbeat().catch(() => undefined);
    }
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
