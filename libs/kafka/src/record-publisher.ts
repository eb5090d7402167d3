import { Partitioners } from 'kafkajs';
import type { Kafka, Message, Producer, TopicMessages } from 'kafkajs';
import { AppError } from '@rtml/errors';
import { GroupCommitQueue } from './group-commit.queue';
import { mayBeOneRequestsFault } from './kafka-error.cause';
import { MAX_REQUEST_BYTES, chunksUnder } from './record-size';
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
  private producer: Producer;
  private connecting: Promise<void> | undefined;
  private readonly queue = new GroupCommitQueue<readonly OutgoingRecord[]>(
    (groups) => this.send(groups.flat()),
    (error) => mayBeOneRequestsFault(error instanceof AppError ? error.cause : error),
  );

  constructor(private readonly kafka: Kafka) {
    this.producer = this.createProducer();
  }

  private createProducer(): Producer {
    return this.kafka.producer({
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
      if (lostProducerState(error)) await this.replaceProducer();
      throw new AppError('DEPENDENCY_UNAVAILABLE', 'kafka did not acknowledge the batch', {
        cause: error,
      });
    }
  }

  /**
   * After a broker crash the broker may no longer know the producer's id or sequence numbers
   * (OUT_OF_ORDER_SEQUENCE_NUMBER, UNKNOWN_PRODUCER_ID): KafkaJS keeps failing with the same
   * state, so a fresh producer (a new id) takes over and the caller's retry resends.
   */
  private async replaceProducer(): Promise<void> {
    const old = this.producer;
    this.producer = this.createProducer();
    this.connecting = undefined;
    await old.disconnect().catch(() => undefined);
  }

  async disconnect(): Promise<void> {
    if (this.connecting === undefined) return;
    this.connecting = undefined;
    await this.producer.disconnect();
  }
}

export function groupByTopic(records: readonly OutgoingRecord[]): TopicMessages[] {
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

const PRODUCER_STATE_ERRORS = new Set([
  'OUT_OF_ORDER_SEQUENCE_NUMBER',
  'UNKNOWN_PRODUCER_ID',
  'INVALID_PRODUCER_EPOCH',
  'INVALID_PRODUCER_ID_MAPPING',
  'PRODUCER_FENCED',
]);

/** True when a KafkaJS error (or one it wraps) says the producer's id or sequence is lost. */
export function lostProducerState(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 10 && current instanceof Error; depth += 1) {
    const type = (current as { type?: unknown }).type;
    if (typeof type === 'string' && PRODUCER_STATE_ERRORS.has(type)) return true;
    current = current.cause;
  }
  return false;
}
