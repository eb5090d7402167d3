import type { Consumer, IHeaders, Kafka } from 'kafkajs';
import { AppError } from '@rtml/errors';
import { decodeHeaders } from '@rtml/kafka';

/** One record of a topic as a downstream consumer sees it, decoded when the recorder decodes. */
export interface RecordedRecord {
  readonly partition: number;
  readonly offset: bigint;
  readonly key: string | null;
  readonly headers: Readonly<Record<string, string>>;
  /** The decoded value; undefined when the recorder does not decode or the value did not decode. */
  readonly value: unknown;
  readonly bytes: number;
  readonly undecodable: boolean;
}

/** Turns a value into something readable; throws AppError('UNDECODABLE') for bytes that never will. */
export type ValueDecoder = (value: Buffer) => Promise<unknown>;

/**
 * Everything committed to one topic, from its first offset, each record once: a fresh consumer
 * group with KafkaJS's default isolation, read_committed (the consumer is created without
 * `readUncommitted`; the run's isolation probe checks the broker agrees), so aborted
 * transactional writes never show. Records are kept by partition and offset: a consumer that
 * crashes (a broker restart) and reads some again changes nothing, so a repeated record in the
 * tallies is one the topic really holds twice.
 *
 * Tracks, per partition, the next offset it will read, control records and aborted records
 * included (KafkaJS reports those through END_BATCH_PROCESS), so `caughtUpTo` can compare it with
 * the last stable offset.
 */
export class TopicRecorder {
  private readonly seen = new Map<string, RecordedRecord>();
  private readonly byPartition = new Map<number, bigint[]>();
  private readonly positions = new Map<number, bigint>();
  private readonly listeners: ((record: RecordedRecord) => void)[] = [];
  private readonly consumer: Consumer;

  constructor(
    kafka: Kafka,
    readonly topic: string,
    groupId: string,
    private readonly decode?: ValueDecoder,
  ) {
    this.consumer = kafka.consumer({
      groupId,
      maxWaitTimeInMs: 100,
      allowAutoTopicCreation: false,
    });
    this.consumer.on(this.consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      const next = BigInt(payload.lastOffset) + 1n;
      if (next > (this.positions.get(payload.partition) ?? 0n))
        this.positions.set(payload.partition, next);
    });
  }

  /** Called once for every record the first time it is read. */
  onRecord(listener: (record: RecordedRecord) => void): this {
    this.listeners.push(listener);
    return this;
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [this.topic], fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: 3,
      eachBatch: async ({ batch, heartbeat }) => {
        for (const message of batch.messages) {
          const key = `${batch.partition}/${message.offset}`;
          if (this.seen.has(key)) continue;
          const record = await this.toRecord(batch.partition, message);
          this.seen.set(key, record);
          const offsets = this.byPartition.get(batch.partition) ?? [];
          offsets.push(record.offset);
          this.byPartition.set(batch.partition, offsets);
          for (const listener of this.listeners) listener(record);
        }
        await heartbeat();
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }

  get size(): number {
    return this.seen.size;
  }

  records(): IterableIterator<RecordedRecord> {
    return this.seen.values();
  }

  /** Partitions that hold at least one record read. */
  partitions(): number[] {
    return [...this.byPartition.keys()];
  }

  /** True once every partition has been read up to the offsets given (last stable offsets). */
  caughtUpTo(ends: ReadonlyMap<number, bigint>): boolean {
    for (const [partition, end] of ends)
      if (end > 0n && (this.positions.get(partition) ?? 0n) < end) return false;
    return true;
  }

  /** Records of `partition` at or after `from` and before `until` (any, when absent). */
  countFrom(partition: number, from: bigint, until?: bigint): number {
    let count = 0;
    for (const offset of this.byPartition.get(partition) ?? [])
      if (offset >= from && (until === undefined || offset < until)) count += 1;
    return count;
  }

  private async toRecord(
    partition: number,
    message: { offset: string; key: Buffer | null; value: Buffer | null; headers?: IHeaders },
  ): Promise<RecordedRecord> {
    const headers = decodeHeaders(message.headers);
    const base = {
      partition,
      offset: BigInt(message.offset),
      key: message.key?.toString('utf8') ?? null,
      headers,
      bytes: message.value?.length ?? 0,
    };
    if (this.decode === undefined || message.value === null)
      return { ...base, value: undefined, undecodable: false };
    try {
      return { ...base, value: await this.decode(message.value), undecodable: false };
    } catch (error) {
      // A registry that does not answer is no verdict on the record: the batch is read again.
      if (error instanceof AppError && error.code === 'DEPENDENCY_UNAVAILABLE') throw error;
      return { ...base, value: undefined, undecodable: true };
    }
  }
}
