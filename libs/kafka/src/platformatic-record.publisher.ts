import { ProduceAcks, Producer, compatibilityPartitioner } from '@platformatic/kafka';
import type { MessageToProduce } from '@platformatic/kafka';
import { platformaticSecurity } from './kafka-security';
import type { KafkaSecurity } from './kafka-security';
import { DurableRecordPublisher } from './record-publisher';
import type { ProducerLink } from './record-publisher';
import type { OutgoingRecord } from './record.types';

/** The clients a publisher can send with (`KAFKA_PUBLISHER_CLIENT`). */
export const PUBLISHER_CLIENTS = ['kafkajs', 'platformatic'] as const;
export type PublisherClient = (typeof PUBLISHER_CLIENTS)[number];

export interface PlatformaticPublisherOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly security?: KafkaSecurity;
  readonly connectionTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
}

/**
 * The publisher on @platformatic/kafka: on `npm run bench:kafka-clients` its producer takes a
 * third of KafkaJS's CPU per record at the pipeline's record sizes (docs/benchmarks.md). Same
 * settings as the KafkaJS one: idempotent, acks from all in-sync replicas, no topic creation.
 */
export class PlatformaticRecordPublisher extends DurableRecordPublisher {
  constructor(options: PlatformaticPublisherOptions) {
    super(() => platformaticProducer(options));
  }
}

function platformaticProducer(options: PlatformaticPublisherOptions): ProducerLink {
  let roundRobin = 0;
  const producer = new Producer({
    clientId: options.clientId,
    bootstrapBrokers: [...options.brokers],
    ...platformaticSecurity(options.security),
    connectTimeout: options.connectionTimeoutMs ?? 3_000,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
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
  });
  return {
    // Learns the brokers and takes a producer id, as KafkaJS's idempotent producer does at connect.
    connect: async () => {
      await producer.initIdempotentProducer({});
    },
    send: async (records) => {
      await producer.send({ messages: records.map(toMessage) });
    },
    disconnect: () => producer.close(),
  };
}

function toMessage(record: OutgoingRecord): MessageToProduce {
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
