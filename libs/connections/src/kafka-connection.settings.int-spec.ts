import { loadConfig } from '@rtml/config';
import { KafkaRecordPublisher, createKafkaClient } from '@rtml/kafka';
import { createLogger } from '@rtml/observability';
import { testEndpoints, useKafka } from '@rtml/testing';
import { z } from 'zod';
import { kafkaFields } from './connection.fields';
import { kafkaConnectionSettings } from './kafka-connection.settings';

const secure = testEndpoints().kafkaSecure;

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
  const clientWith = (overrides: Record<string, string>) =>
    createKafkaClient({
      ...kafkaConnectionSettings(
        loadConfig(z.object(kafkaFields), { ...env, ...overrides }),
        'rtml-secure-test',
      ),
      logger,
    });

  /** Creates a topic, publishes one record and consumes it back, all through `client`. */
  const roundTrip = async (client: ReturnType<typeof clientWith>, name: string) => {
    const topic = `${kafka.prefix}${name}`;
    kafka.adoptTopics([topic]);
    const admin = client.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: false });
    await admin.disconnect();
    const publisher = new KafkaRecordPublisher(client);
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
    expect(await roundTrip(clientWith({}), 'secure')).toBe('over tls: secure');
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
      expect(await roundTrip(clientWith(scram), mechanism)).toBe(`over tls: ${mechanism}`);
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
