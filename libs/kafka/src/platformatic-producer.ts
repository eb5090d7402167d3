import { ProduceAcks, Producer, compatibilityPartitioner } from '@platformatic/kafka';
import type { MessageToProduce, ProducerOptions } from '@platformatic/kafka';
import { platformaticSecurity } from './kafka-security';
import type { KafkaSecurity } from './kafka-security';
import type { OutgoingRecord } from './record.types';

/** Where and how a @platformatic/kafka producer connects. */
export interface PlatformaticPublisherOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly security?: KafkaSecurity;
  readonly connectionTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
}

/** The connection options every @platformatic/kafka client of ours (producer, admin) shares. */
export function platformaticConnection(options: PlatformaticPublisherOptions) {
  return {
    clientId: options.clientId,
    bootstrapBrokers: [...options.brokers],
    ...platformaticSecurity(options.security),
    connectTimeout: options.connectionTimeoutMs ?? 3_000,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
  };
}

type ProducerExtras = Pick<
  ProducerOptions<Buffer, Buffer, Buffer, Buffer>,
  'transactionalId' | 'producerId' | 'producerEpoch' | 'timeout' | 'retries' | 'retryDelay'
>;

/**
 * A @platformatic/kafka producer with the settings every producer of ours shares with the KafkaJS
 * ones: idempotent, acks from all in-sync replicas, no topic creation, and keys partitioned as
 * the Java client and KafkaJS do.
 */
export function platformaticProducer(
  options: PlatformaticPublisherOptions,
  extras: ProducerExtras = {},
): Producer<Buffer, Buffer, Buffer, Buffer> {
  let roundRobin = 0;
  return new Producer({
    ...platformaticConnection(options),
    // As with KafkaJS: the client's own retries cover a transient error on one request; a publish
    // that keeps failing surfaces to the caller's backoff loop.
    retries: 5,
    retryDelay: 200,
    idempotent: true,
    acks: ProduceAcks.ALL,
    autocreateTopics: false,
    // Not this client's default partitioner: that one takes murmur2 `>>> 0` where the Java client
    // and KafkaJS mask it with 0x7fffffff, which puts about half the keys on another partition
    // than every other producer of the topic does. Records without a key go round robin.
    partitioner: (message, key) =>
      key === undefined ? roundRobin++ : compatibilityPartitioner(message, key),
    ...extras,
  });
}

export function toMessage(record: OutgoingRecord): MessageToProduce {
  const headers = new Map<Buffer, Buffer>();
  for (const [name, value] of Object.entries(record.headers ?? {}))
    headers.set(Buffer.from(name), Buffer.from(value));
  return {
    topic: record.topic,
    ...(record.key !== null && { key: Buffer.from(record.key) }),
    ...(record.value !== null && { value: record.value }),
    headers,
  };
}
