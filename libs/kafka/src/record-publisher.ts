import { Partitioners } from 'kafkajs';
import type { Kafka, Message, Producer, TopicMessages } from 'kafkajs';
import { AppError } from '@rtml/errors';
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
 */
export class KafkaRecordPublisher implements RecordPublisher {
  private readonly producer: Producer;
  private connecting: Promise<void> | undefined;

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
    try {
      await this.connect();
      await this.producer.sendBatch({ acks: -1, topicMessages: groupByTopic(records) });
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
