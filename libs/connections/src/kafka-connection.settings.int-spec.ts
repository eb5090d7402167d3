import { loadConfig } from '@rtml/config';
import {
  DEFAULT_SESSION_TIMEOUT_MS,
  ExactlyOnceDelivery,
  KafkaJsCommittedOffsets,
  createKafkaClient,
} from '@rtml/kafka';
import { createLogger } from '@rtml/observability';
import { testEndpoints, useKafka } from '@rtml/testing';
import { z } from 'zod';
import { kafkaFields } from './connection.fields';
import {
  groupConsumersFor,
  kafkaConnectionSettings,
  recordPublisherFor,
  transactionalWritersFor,
} from './kafka-connection.settings';

const secure = testEndpoints().kafkaSecure;

/** The messages of an error, its causes and the members of aggregate errors. */
function messagesOf(error: unknown): string[] {
  if (!(error instanceof Error)) return [];
  const members = error instanceof AggregateError ? (error.errors as unknown[]) : [];
  return [error.message, ...members.flatMap(messagesOf), ...messagesOf(error.cause)];
}

describe('Kafka settings from the environment against a SASL_SSL listener', () => {
  if (secure === undefined) {
    it.skip('skipped: only the local stack runs a SASL_SSL listener', () => {});
    return;
  }
  const kafka = useKafka();
  const logger = createLogger({ service: 'test', level: 'fatal' });
  const env = {
    KAFKA_BROKERS: secure.broker,
    KAFKA_SSL: 'true',
    KAFKA_SSL_CA_FILE: secure.caFile,
    KAFKA_SASL_MECHANISM: 'plain',
    KAFKA_SASL_USERNAME: secure.username,
    KAFKA_SASL_PASSWORD: secure.password,
  };
  const settingsWith = (overrides: Record<string, string>) =>
    kafkaConnectionSettings(
      loadConfig(z.object(kafkaFields), { ...env, ...overrides }),
      'rtml-secure-test',
    );
  const scram512 = {
    KAFKA_SASL_MECHANISM: 'scram-sha-512',
    KAFKA_SASL_USERNAME: secure.scram.username,
    KAFKA_SASL_PASSWORD: secure.scram.password,
  };
  const clientWith = (overrides: Record<string, string>) =>
    createKafkaClient({ ...settingsWith(overrides), logger });

  /**
   * Creates a topic, publishes one record and consumes it back, through the client and the
   * publisher the settings give.
   */
  const roundTrip = async (overrides: Record<string, string>, name: string) => {
    const client = clientWith(overrides);
    const topic = `${kafka.prefix}${name}`;
    kafka.adoptTopics([topic]);
    const admin = client.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: false });
    await admin.disconnect();
    const publisher = recordPublisherFor(settingsWith(overrides), client);
    await publisher.publish([{ topic, key: 'k', value: Buffer.from(`over tls: ${name}`) }]);
    await publisher.disconnect();

    const consumer = client.consumer({ groupId: kafka.groupId(name) });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const value = await new Promise<string>((resolve) => {
      void consumer.run({ eachMessage: async ({ message }) => resolve(String(message.value)) });
    });
    await consumer.disconnect();
    return value;
  };

  it('creates a topic, publishes and consumes over TLS with SASL PLAIN credentials', async () => {
    expect(await roundTrip({}, 'secure')).toBe('over tls: secure');
  }, 60_000);

  it.each(['plain', 'scram-sha-256', 'scram-sha-512'])(
    'publishes with @platformatic/kafka over TLS with SASL %s',
    async (mechanism) => {
      const credentials =
        mechanism === 'plain'
          ? { KAFKA_SASL_USERNAME: secure.username, KAFKA_SASL_PASSWORD: secure.password }
          : {
              KAFKA_SASL_USERNAME: secure.scram.username,
              KAFKA_SASL_PASSWORD: secure.scram.password,
            };
      const overrides = {
        KAFKA_PUBLISHER_CLIENT: 'platformatic',
        KAFKA_SASL_MECHANISM: mechanism,
        ...credentials,
      };
      const name = `platformatic-${mechanism}`;
      expect(await roundTrip(overrides, name)).toBe(`over tls: ${name}`);
    },
    60_000,
  );

  it('commits a transaction with @platformatic/kafka writers over TLS with SASL SCRAM-SHA-512', async () => {
    const overrides = { KAFKA_PUBLISHER_CLIENT: 'platformatic', ...scram512 };
    const client = clientWith(overrides);
    const [input, output] = [`${kafka.prefix}tx-in`, `${kafka.prefix}tx-out`];
    kafka.adoptTopics([input, output]);
    const admin = client.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [input, output].map((topic) => ({ topic, numPartitions: 1 })),
      waitForLeaders: true,
    });
    const groupId = kafka.groupId('secure-tx');
    const offsets = new KafkaJsCommittedOffsets(client, groupId);
    const delivery = new ExactlyOnceDelivery({
      groupId,
      writers: transactionalWritersFor(settingsWith(overrides), client),
      committedOffset: (topic, partition) => offsets.read(topic, partition),
    });
    try {
      await delivery.begin(input, 0);
      await delivery.deliver({ topic: input, partition: 0, nextOffset: '5' }, [
        { topic: output, key: 'k', value: Buffer.from('in a transaction') },
      ]);
    } finally {
      await delivery.close();
      await offsets.close();
    }
    const consumer = client.consumer({ groupId: kafka.groupId('secure-tx-reader') });
    await consumer.connect();
    await consumer.subscribe({ topic: output, fromBeginning: true });
    const value = await new Promise<string>((resolve) => {
      void consumer.run({ eachMessage: async ({ message }) => resolve(String(message.value)) });
    });
    await consumer.disconnect();
    const [committed] = await admin.fetchOffsets({ groupId, topics: [input] });
    await admin.disconnect();
    expect(value).toBe('in a transaction');
    expect(committed?.partitions).toEqual([expect.objectContaining({ partition: 0, offset: '5' })]);
  }, 60_000);

  it('consumes in a group with @platformatic/kafka (KAFKA_CLIENT) over TLS with SASL SCRAM-SHA-512', async () => {
    const overrides = { KAFKA_CLIENT: 'platformatic', ...scram512 };
    const settings = settingsWith(overrides);
    const client = clientWith(overrides);
    const topic = `${kafka.prefix}platformatic-group`;
    kafka.adoptTopics([topic]);
    const admin = client.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();
    const publisher = recordPublisherFor(settings, client);
    await publisher.publish([{ topic, key: 'k', value: Buffer.from('read over tls') }]);
    await publisher.disconnect();

    const groupId = kafka.groupId('platformatic-group');
    const consumer = groupConsumersFor(
      settings,
      client,
    )({
      groupId,
      topics: [topic],
      fromBeginning: true,
      sessionTimeoutMs: DEFAULT_SESSION_TIMEOUT_MS,
      partitionsConcurrently: 1,
      logger,
    });
    try {
      const value = await new Promise<string>((resolve, reject) => {
        void consumer
          .start({
            onBatch: async (batch) => {
              await consumer.commit([batch.position]);
              resolve(batch.records.records.map((r) => String(r.value)).join());
            },
            onRevoked: () => undefined,
            onRecovering: reject,
            onCrash: reject,
          })
          .catch(reject);
      });
      expect(value).toBe('read over tls');
      expect(await consumer.committedOffset(topic, 0)).toBe('1');
    } finally {
      await consumer.disconnect();
    }
  }, 60_000);

  it('refuses to publish with @platformatic/kafka when the SCRAM password is wrong', async () => {
    const topic = `${kafka.prefix}platformatic-refused`;
    kafka.adoptTopics([topic]);
    const admin = clientWith({}).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: false });
    await admin.disconnect();
    const publisher = recordPublisherFor(
      settingsWith({
        KAFKA_PUBLISHER_CLIENT: 'platformatic',
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: secure.scram.username,
        KAFKA_SASL_PASSWORD: 'wrong',
      }),
      clientWith({}),
    );
    const refused = await publisher.publish([{ topic, key: 'k', value: Buffer.from('x') }]).then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    await publisher.disconnect().catch(() => undefined);
    expect(refused?.message).toBe('kafka did not acknowledge the batch');
    expect(messagesOf(refused?.cause).join(' / ')).toMatch(/SASL|authenticat/i);
  }, 60_000);

  describe.each([
    ['scram-sha-512', 'SHA512'],
    ['scram-sha-256', 'SHA256'],
  ])('with %s', (mechanism, hash) => {
    const scram = {
      KAFKA_SASL_MECHANISM: mechanism,
      KAFKA_SASL_USERNAME: secure.scram.username,
      KAFKA_SASL_PASSWORD: secure.scram.password,
    };

    it('publishes and consumes as the SCRAM user the broker stores in its metadata', async () => {
      expect(await roundTrip(scram, mechanism)).toBe(`over tls: ${mechanism}`);
    }, 60_000);

    it('is refused with a SCRAM authentication error when the password is wrong', async () => {
      const admin = clientWith({ ...scram, KAFKA_SASL_PASSWORD: 'wrong' }).admin();
      await expect(admin.connect()).rejects.toThrow(
        new RegExp(`SASL SCRAM ${hash} authentication failed: .*invalid credentials`),
      );
    }, 60_000);

    it('does not accept the PLAIN user’s credentials over SCRAM (the user sets are separate)', async () => {
      const admin = clientWith({
        KAFKA_SASL_MECHANISM: mechanism,
        KAFKA_SASL_USERNAME: secure.username,
        KAFKA_SASL_PASSWORD: secure.password,
      }).admin();
      await expect(admin.connect()).rejects.toThrow(/authentication failed/);
    }, 60_000);
  });

  it('is refused with a SASL authentication error when the password is wrong', async () => {
    const admin = clientWith({ KAFKA_SASL_PASSWORD: 'wrong' }).admin();
    await expect(admin.connect()).rejects.toThrow(/SASL PLAIN authentication failed/);
  }, 60_000);

  it('does not trust the broker’s self-signed certificate without its CA file', async () => {
    const admin = clientWith({ KAFKA_SSL_CA_FILE: '' }).admin();
    await expect(admin.connect()).rejects.toThrow(/self[- ]signed certificate/);
  }, 60_000);
});
