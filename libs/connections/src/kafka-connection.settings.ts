import { readFileSync } from 'node:fs';
import { AppError } from '@rtml/errors';
import {
  KafkaRecordPublisher,
  PlatformaticRecordPublisher,
  groupConsumersOn,
  transactionalWritersOn,
} from '@rtml/kafka';
import type {
  DurableRecordPublisher,
  GroupConsumers,
  KafkaSecurity,
  KafkaClientName,
  PlatformaticPublisherOptions,
  RegistryAuth,
  TransactionalWriters,
} from '@rtml/kafka';
import type { Kafka } from 'kafkajs';
import type { KafkaFieldValues } from './connection.fields';

/** Everything a service needs to reach Kafka and the schema registry. */
export interface KafkaConnectionSettings {
  readonly clientId: string;
  readonly brokers: readonly string[];
  readonly schemaRegistryUrl: string;
  readonly security: KafkaSecurity;
  readonly registryAuth?: RegistryAuth;
  /** The client of the stage consumers (`KAFKA_CLIENT`). KafkaJS when absent. */
  readonly client?: KafkaClientName;
  /**
   * The client every producer sends with (`KAFKA_PUBLISHER_CLIENT`, else `KAFKA_CLIENT`): the
   * publishers and exactly-once's transactional writers. KafkaJS when absent.
   */
  readonly publisherClient?: KafkaClientName;
}

type ReadText = (path: string) => string;

/**
 * Turns the `kafkaFields` of a config into connection settings, reading the PEM files. Settings
 * that only make sense together are checked together, so a half-configured secure connection
 * stops the service at boot with every problem named, instead of silently connecting in clear.
 */
export function kafkaConnectionSettings(
  config: KafkaFieldValues,
  clientId: string,
  readText: ReadText = (path) => readFileSync(path, 'utf8'),
): KafkaConnectionSettings {
  const problems = [...tlsProblems(config), ...saslProblems(config), ...registryProblems(config)];
  const files = readPemFiles(config, readText, problems);
  if (problems.length > 0) {
    throw new AppError('CONFIG_INVALID', `invalid configuration: ${problems.join('; ')}`);
  }
  const security: KafkaSecurity = {
    ...(config.KAFKA_SSL && { tls: files }),
    ...(config.KAFKA_SASL_MECHANISM !== '' && {
      sasl: {
        mechanism: config.KAFKA_SASL_MECHANISM,
        username: config.KAFKA_SASL_USERNAME,
        password: config.KAFKA_SASL_PASSWORD,
      },
    }),
  };
  return {
    clientId,
    brokers: config.KAFKA_BROKERS,
    schemaRegistryUrl: config.SCHEMA_REGISTRY_URL,
    security,
    ...kafkaClientsOf(config),
    ...(config.SCHEMA_REGISTRY_USERNAME !== '' && {
      registryAuth: {
        username: config.SCHEMA_REGISTRY_USERNAME,
        password: config.SCHEMA_REGISTRY_PASSWORD,
      },
    }),
  };
}

/** The client of the consumers (`KAFKA_CLIENT`) and of the producers (else the same). */
export function kafkaClientsOf(
  config: Pick<KafkaFieldValues, 'KAFKA_CLIENT' | 'KAFKA_PUBLISHER_CLIENT'>,
): { client: KafkaClientName; publisherClient: KafkaClientName } {
  return {
    client: config.KAFKA_CLIENT,
    publisherClient: config.KAFKA_PUBLISHER_CLIENT ?? config.KAFKA_CLIENT,
  };
}

/** The publisher the settings name: on `kafka` (KafkaJS), or its own @platformatic/kafka producer. */
export function recordPublisherFor(
  settings: KafkaConnectionSettings,
  kafka: Kafka,
): DurableRecordPublisher {
  if (settings.publisherClient !== 'platformatic') return new KafkaRecordPublisher(kafka);
  return new PlatformaticRecordPublisher(platformaticOptions(settings));
}

/** The transactional writers the settings name: on `kafka` (KafkaJS), or on @platformatic/kafka. */
export function transactionalWritersFor(
  settings: KafkaConnectionSettings,
  kafka: Kafka,
): TransactionalWriters {
  return transactionalWritersOn(
    settings.publisherClient ?? 'kafkajs',
    kafka,
    platformaticOptions(settings),
  );
}

/** The stage consumers' client the settings name: on `kafka` (KafkaJS), or on @platformatic/kafka. */
export function groupConsumersFor(settings: KafkaConnectionSettings, kafka: Kafka): GroupConsumers {
  return groupConsumersOn(settings.client ?? 'kafkajs', kafka, platformaticOptions(settings));
}

const platformaticOptions = (settings: KafkaConnectionSettings): PlatformaticPublisherOptions => ({
  brokers: settings.brokers,
  clientId: settings.clientId,
  security: settings.security,
});

const PEM_FILES = [
  ['KAFKA_SSL_CA_FILE', 'ca'],
  ['KAFKA_SSL_CERT_FILE', 'cert'],
  ['KAFKA_SSL_KEY_FILE', 'key'],
] as const;

function tlsProblems(config: KafkaFieldValues): string[] {
  const problems: string[] = [];
  if (!config.KAFKA_SSL) {
    for (const [variable] of PEM_FILES) {
      if (config[variable] !== '') problems.push(`${variable}: set, but KAFKA_SSL is not true`);
    }
  }
  if ((config.KAFKA_SSL_CERT_FILE === '') !== (config.KAFKA_SSL_KEY_FILE === '')) {
    problems.push('KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE: a client certificate needs both');
  }
  return problems;
}

function saslProblems(config: KafkaFieldValues): string[] {
  const credentials = config.KAFKA_SASL_USERNAME !== '' || config.KAFKA_SASL_PASSWORD !== '';
  if (config.KAFKA_SASL_MECHANISM === '') {
    return credentials
      ? ['KAFKA_SASL_USERNAME/PASSWORD: set, but KAFKA_SASL_MECHANISM is empty']
      : [];
  }
  return config.KAFKA_SASL_USERNAME === '' || config.KAFKA_SASL_PASSWORD === ''
    ? [
        `KAFKA_SASL_MECHANISM=${config.KAFKA_SASL_MECHANISM}: needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD`,
      ]
    : [];
}

function registryProblems(config: KafkaFieldValues): string[] {
  return (config.SCHEMA_REGISTRY_USERNAME === '') !== (config.SCHEMA_REGISTRY_PASSWORD === '')
    ? ['SCHEMA_REGISTRY_USERNAME and SCHEMA_REGISTRY_PASSWORD: set both or neither']
    : [];
}

function readPemFiles(
  config: KafkaFieldValues,
  readText: ReadText,
  problems: string[],
): { ca?: string; cert?: string; key?: string } {
  const files: { ca?: string; cert?: string; key?: string } = {};
  if (!config.KAFKA_SSL) return files;
  for (const [variable, key] of PEM_FILES) {
    const path = config[variable];
    if (path === '') continue;
    try {
      files[key] = readText(path);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      problems.push(`${variable}: cannot read ${path} (${reason})`);
    }
  }
  return files;
}
