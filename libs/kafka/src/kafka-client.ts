import { Kafka, logLevel } from 'kafkajs';
import type { LogEntry } from 'kafkajs';
import type { Logger } from '@rtml/observability';
import { kafkaJsSecurity } from './kafka-security';
import type { KafkaSecurity } from './kafka-security';

export interface KafkaClientOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly logger: Logger;
  /** Connection and request timeouts, in milliseconds. */
  readonly connectionTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
  /** TLS and SASL; plaintext and unauthenticated when absent. */
  readonly security?: KafkaSecurity;
}

/**
 * The Kafka clients libs/kafka runs on: KafkaJS, the default, and @platformatic/kafka.
 * `KAFKA_CLIENT` picks the client of a service's stage consumers, publisher and transactional
 * writers; `KAFKA_PUBLISHER_CLIENT` the producers' alone.
 */
export const KAFKA_CLIENTS = ['kafkajs', 'platformatic'] as const;
export type KafkaClientName = (typeof KAFKA_CLIENTS)[number];

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * The one place that constructs the KafkaJS client. KafkaJS has been looking for maintainers
 * since 2023: everything else in the code base talks to our publisher/consumer/admin types, so
 * swapping the client touches this library only.
 */
export function createKafkaClient(options: KafkaClientOptions): Kafka {
  const logger = options.logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    ...kafkaJsSecurity(options.security),
    connectionTimeout: options.connectionTimeoutMs ?? 3_000,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    // Our consumers and publishers do their own retries (with a verdict per error code);
    // the client's own retries only cover transient network errors on a single request.
    retry: { initialRetryTime: 100, retries: 5, maxRetryTime: 5_000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...extra } = log;
        // We bound the producer's retries on purpose: a publish that keeps failing must surface
        // to the consumer's backoff loop (which never commits past it) instead of blocking forever.
        const expected = message.startsWith('Limiting retries for the idempotent producer');
        logger[expected ? 'debug' : (LEVELS[level] ?? 'info')](extra, message);
      },
  });
}
