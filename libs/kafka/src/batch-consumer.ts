import type { Batch, Consumer, EachBatchPayload, Kafka, TopicPartitionOffset } from 'kafkajs';
import { toAppError } from '@rtml/errors';
import type { Logger, PipelineMetrics } from '@rtml/observability';
import type { RecordBatch } from './record.types';
import { GroupCommitQueue } from './group-commit.queue';
import { mayBeOneRequestsFault } from './kafka-error.cause';
import { DEFAULT_BACKOFF, backoffDelay } from './retry-policy';
import type { BackoffOptions } from './retry-policy';
import { toRecordBatch } from './record-batch.mapper';

export type BatchHandler = (batch: RecordBatch) => Promise<void>;

export interface BatchConsumerOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly logger: Logger;
  readonly metrics?: PipelineMetrics;
  /** Where a group with no committed offset starts. Default: the earliest offset (lose nothing). */
  readonly fromBeginning?: boolean;
  readonly backoff?: BackoffOptions;
  /** Partitions processed at the same time by this replica. */
  readonly partitionsConcurrently?: number;
  readonly sessionTimeoutMs?: number;
}

/**
 * At-least-once batch consumption.
 *
 * Delivery guarantee: a batch's offsets are committed only after the handler resolves, i.e.
 * after its outputs are durable. A handler failure is retried with backoff (heartbeating, so
 * the group keeps the partition) until it succeeds or the partition is revoked; a batch is never
 * skipped. Records that can never succeed are the handler's to dead-letter (and so to "succeed"
 * on); anything it throws is treated as transient. A redelivery after a crash or a rebalance
 * replays the uncommitted batch, which is why every handler's writes are idempotent.
 */
export class KafkaBatchConsumer {
  private readonly consumer: Consumer;
  private running = false;
  /** Commits of partitions processed concurrently share one OffsetCommit request. */
  private readonly commits = new GroupCommitQueue<TopicPartitionOffset>(
    (offsets) => this.consumer.commitOffsets(latestPerPartition(offsets)),
    mayBeOneRequestsFault,
  );

  constructor(
    kafka: Kafka,
    private readonly options: BatchConsumerOptions,
  ) {
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: 3_000,
    });
  }

  async start(handler: BatchHandler): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: [...this.options.topics],
      fromBeginning: this.options.fromBeginning ?? true,
    });
    this.running = true;
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConcurrently ?? 1,
      eachBatch: (payload) => this.consumeBatch(payload, handler),
    });
  }

  /** Lets the in-flight batch finish and commit, then leaves the group. */
  async stop(): Promise<void> {
    this.running = false;
    await this.consumer.disconnect();
  }

  get groupId(): string {
    return this.options.groupId;
  }

  get isRunning(): boolean {
    return this.running;
  }

  private async consumeBatch(payload: EachBatchPayload, handler: BatchHandler): Promise<void> {
    const { batch } = payload;
    if (batch.isEmpty()) return;
    const records = toRecordBatch(batch);
    const done = await this.handleUntilDone(records, payload, handler);
    if (!done) return; // revoked or stopping: uncommitted, so the next owner replays it
    const next = (BigInt(batch.lastOffset()) + 1n).toString();
    await this.commits.submit({ topic: batch.topic, partition: batch.partition, offset: next });
    payload.resolveOffset(batch.lastOffset());
    this.recordMetrics(batch, records);
  }

  private async handleUntilDone(
    records: RecordBatch,
    payload: EachBatchPayload,
    handler: BatchHandler,
  ): Promise<boolean> {
    for (let attempt = 0; ; attempt += 1) {
      if (!payload.isRunning() || payload.isStale()) return false;
      try {
        await handler(records);
        return true;
      } catch (thrown) {
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
        await this.waitHeartbeating(delayMs, payload);
      }
    }
  }

  private async waitHeartbeating(delayMs: number, payload: EachBatchPayload): Promise<void> {
    const deadline = Date.now() + delayMs;
    while (Date.now() < deadline && payload.isRunning() && !payload.isStale()) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, deadline - Date.now())));
      await payload.heartbeat();
    }
  }

  private recordMetrics(batch: Batch, records: RecordBatch): void {
    const metrics = this.options.metrics;
    if (!metrics) return;
    metrics.recordsConsumed.inc({ topic: batch.topic }, records.records.length);
    const lag = BigInt(batch.highWatermark) - BigInt(batch.lastOffset()) - 1n;
    metrics.consumerLag.set(
      { topic: batch.topic, partition: String(batch.partition) },
      Number(lag < 0n ? 0n : lag),
    );
  }
}

/** One offset per partition, the highest: commits of one partition only ever move forward. */
function latestPerPartition(offsets: readonly TopicPartitionOffset[]): TopicPartitionOffset[] {
  const latest = new Map<string, TopicPartitionOffset>();
  for (const offset of offsets) {
    const key = `${offset.topic}\u0000${offset.partition}`;
    const seen = latest.get(key);
    if (seen === undefined || BigInt(offset.offset) > BigInt(seen.offset)) latest.set(key, offset);
  }
  return [...latest.values()];
}
