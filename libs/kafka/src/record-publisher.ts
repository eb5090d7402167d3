import { Partitioners } from 'kafkajs';
import type { Kafka, Message, Producer, TopicMessages } from 'kafkajs';
import { AppError } from '@rtml/errors';
import { GroupCommitQueue } from './group-commit.queue';
import { lostProducerState, mayBeOneRequestsFault } from './kafka-error.cause';
import { MAX_REQUEST_BYTES, chunksUnder } from './record-size';
import type { OutgoingRecord } from './record.types';

/** Produces records durably (acks from all in-sync replicas), many at a time. */
export interface RecordPublisher {
  /** Resolves once every record is acknowledged; rejects with a retriable AppError otherwise. */
  publish(records: readonly OutgoingRecord[]): Promise<void>;
}

/**
 * What a client library's idempotent producer must do for `DurableRecordPublisher`: send one
 * request's worth of records (acks=all, keys partitioned as the Java client does) and resolve
 * once the broker acknowledged them all.
 */
export interface ProducerLink {
  connect(): Promise<void>;
  send(records: readonly OutgoingRecord[]): Promise<void>;
  disconnect(): Promise<void>;
}

/**
 * The publisher of every service, whichever client sends: one idempotent producer per process,
 * and a publish of N records costs one round trip per broker (records over the broker's request
 * limit go as several requests, in order). Idempotence makes the client's own resends safe (no
 * duplicates from a retried request). Publishes that overlap (partitions processed concurrently)
 * are group-committed: those waiting while a request is in flight share the next one, in call
 * order, so each partition's records keep their order. After a broker lost the producer's state
 * (its id or sequence numbers), a fresh producer takes over and the caller's retry resends.
 */
export class DurableRecordPublisher implements RecordPublisher {
  private producer: ProducerLink;
  private connecting: Promise<void> | undefined;
  private readonly queue = new GroupCommitQueue<readonly OutgoingRecord[]>(
    (groups) => this.send(groups.flat()),
    (error) => mayBeOneRequestsFault(error instanceof AppError ? error.cause : error),
  );

  constructor(private readonly createProducer: () => ProducerLink) {
    this.producer = createProducer();
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
      for (const chunk of chunksUnder(records, MAX_REQUEST_BYTES)) await this.producer.send(chunk);
    } catch (error) {
      if (lostProducerState(error)) await this.replaceProducer();
      throw new AppError('DEPENDENCY_UNAVAILABLE', 'kafka did not acknowledge the batch', {
        cause: error,
      });
    }
  }

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

/** The publisher on KafkaJS, the default client. */
export class KafkaRecordPublisher extends DurableRecordPublisher {
  constructor(kafka: Kafka) {
    super(() => kafkaJsProducer(kafka));
  }
}

function kafkaJsProducer(kafka: Kafka): ProducerLink {
  const producer: Producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    // murmur2 on the key, as the Java client: a key lands on the same partition whoever produces it.
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  return {
    connect: () => producer.connect(),
    send: async (records) => {
      await producer.sendBatch({ acks: -1, topicMessages: groupByTopic(records) });
    },
    disconnect: () => producer.disconnect(),
  };
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
