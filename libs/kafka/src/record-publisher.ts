import { Partitioners } from 'kafkajs';
import type { Kafka, Message, Producer, TopicMessages } from 'kafkajs';
import { AppError } from '@rtml/errors';
import { GroupCommitQueue } from './group-commit.queue';
import { mayBeOneRequestsFault } from './kafka-error.cause';
import type { OutgoingRecord } from './record.types';

/** Produces records durably (acks from all in-sync replicas), many at a time. */
export interface RecordPublisher {
  /** Resolves once every record is acknowledged; rejects with a retriable AppError otherwise. */
  publish(records: readonly OutgoingRecord[]): Promise<void>;
}

/**
 * KafkaJS-backed publisher: one idempotent producer per process, one `sendBatch` call per
 * publish (records grouped by topic), so a batch of N records costs one round trip per broker.
 * Idempotence makes the client's own resends safe (no duplicates from a retried request).
 * Publishes that overlap (partitions processed concurrently) are group-committed: those waiting
 * while a request is in flight share the next one, in call order, so each partition's records
 * keep their order.
 */
export class KafkaRecordPublisher implements RecordPublisher {
  private readonly producer: Producer;
  private connecting: Promise<void> | undefined;
  private readonly queue = new GroupCommitQueue<readonly OutgoingRecord[]>(
    (groups) => this.send(groups.flat()),
    (error) => mayBeOneRequestsFault(error instanceof AppError ? error.cause : error),
  );

  constructor(kafka: Kafka) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // murmur2 on the key, as the Java client: a key lands on the same partition whoever produces it.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  /** Idempotent; `publish` connects on first use, so calling this is only a warm-up. */
  async connect(): Promise<void> {
    this.connecting ??= this.producer.connect().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    await this.connecting;
  }

  async publish(records: readonly OutgoingRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.queue.submit(records);
  }

  private async send(records: readonly OutgoingRecord[]): Promise<void> {
    try {
      await this.connect();
      for (const chunk of chunksUnder(records, MAX_REQUEST_BYTES))
        await this.producer.sendBatch({ acks: -1, topicMessages: groupByTopic(chunk) });
    } catch (error) {
      throw new AppError('DEPENDENCY_UNAVAILABLE', 'kafka did not acknowledge the batch', {
        cause: error,
      });
    }
  }

  async disconnect(): Promise<void> {
    if (this.connecting === undefined) return;
    this.connecting = undefined;
    await this.producer.disconnect();
  }
}

/**
 * The broker refuses a record batch (all of one request's records for one partition) over its
 * `message.max.bytes`, 1 MiB by default: a large consumer batch fanned into few partitions
 * crosses it. A request therefore carries at most this many bytes of records, whatever their
 * partitions; a bigger publish becomes several requests, in order.
 */
export const MAX_REQUEST_BYTES = 768 * 1024;

/** Consecutive runs of records whose estimated size stays under `limit` (a lone bigger record is its own run). */
export function chunksUnder(records: readonly OutgoingRecord[], limit: number): OutgoingRecord[][] {
  const chunks: OutgoingRecord[][] = [];
  let current: OutgoingRecord[] = [];
  let bytes = 0;
  for (const record of records) {
    const size = estimatedSize(record);
    if (current.length > 0 && bytes + size > limit) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(record);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Key, value and headers, plus a record's framing overhead (an upper bound of ~70 bytes). */
function estimatedSize(record: OutgoingRecord): number {
  let size = 70 + (record.value?.length ?? 0) + Buffer.byteLength(record.key ?? '');
  for (const [name, value] of Object.entries(record.headers ?? {}))
    size += Buffer.byteLength(name) + Buffer.byteLength(value) + 8;
  return size;
}

function groupByTopic(records: readonly OutgoingRecord[]): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const record of records) {
    const messages = byTopic.get(record.topic) ?? [];
    messages.push({
      key: record.key,
      value: record.value,
      headers: record.headers ? { ...record.headers } : undefined,
    });
    byTopic.set(record.topic, messages);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
