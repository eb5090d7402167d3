import { loadConfig } from '@rtml/config';
import { z } from 'zod';
import { kafkaFields } from './connection.fields';
import { kafkaConnectionSettings } from './kafka-connection.settings';

const configOf = (env: Record<string, string>) => loadConfig(z.object(kafkaFields), env);
const files: Record<string, string> = { '/ca.pem': 'CA PEM', '/c.pem': 'CERT', '/k.pem': 'KEY' };
const readText = (path: string): string => {
  const text = files[path];
  if (text === undefined) throw new Error(`ENOENT: no such file '${path}'`);
  return text;
};
const settingsOf = (env: Record<string, string>) =>
  kafkaConnectionSettings(configOf(env), 'rtml-test', readText);

describe('kafkaConnectionSettings', () => {
  it('connects in clear and without credentials by default', () => {
    expect(settingsOf({})).toEqual({
      clientId: 'rtml-test',
      brokers: ['127.0.0.1:9092'],
      schemaRegistryUrl: 'http://127.0.0.1:8081/apis/ccompat/v7',
      security: {},
      client: 'kafkajs',
      publisherClient: 'kafkajs',
    });
  });

  it('publishes with @platformatic/kafka when KAFKA_PUBLISHER_CLIENT says so, and refuses other names', () => {
    expect(settingsOf({ KAFKA_PUBLISHER_CLIENT: 'platformatic' })).toMatchObject({
      client: 'kafkajs',
      publisherClient: 'platformatic',
    });
    expect(() => settingsOf({ KAFKA_PUBLISHER_CLIENT: 'rdkafka' })).toThrow();
  });

  it('runs consumers and producers on @platformatic/kafka with KAFKA_CLIENT, unless KAFKA_PUBLISHER_CLIENT says otherwise', () => {
    expect(settingsOf({ KAFKA_CLIENT: 'platformatic' })).toMatchObject({
      client: 'platformatic',
      publisherClient: 'platformatic',
    });
    expect(
      settingsOf({ KAFKA_CLIENT: 'platformatic', KAFKA_PUBLISHER_CLIENT: 'kafkajs' }),
    ).toMatchObject({ client: 'platformatic', publisherClient: 'kafkajs' });
    expect(() => settingsOf({ KAFKA_CLIENT: 'rdkafka' })).toThrow();
  });

  it('reads the PEM files and the SASL credentials of a secured cluster', () => {
    const settings = settingsOf({
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: '/ca.pem',
      KAFKA_SSL_CERT_FILE: '/c.pem',
      KAFKA_SSL_KEY_FILE: '/k.pem',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'svc',
      KAFKA_SASL_PASSWORD: 'pw',
      SCHEMA_REGISTRY_USERNAME: 'reg',
      SCHEMA_REGISTRY_PASSWORD: 'regpw',
    });
    expect(settings.security).toEqual({
      tls: { ca: 'CA PEM', cert: 'CERT', key: 'KEY' },
      sasl: { mechanism: 'scram-sha-512', username: 'svc', password: 'pw' },
    });
    expect(settings.registryAuth).toEqual({ username: 'reg', password: 'regpw' });
  });

  it('uses TLS with the system CAs when no file is given', () => {
    expect(settingsOf({ KAFKA_SSL: 'true' }).security).toEqual({ tls: {} });
  });

  it('names every half-configured setting at once instead of connecting in clear', () => {
    expect(() =>
      settingsOf({
        KAFKA_SSL_CA_FILE: '/ca.pem',
        KAFKA_SASL_USERNAME: 'svc',
        SCHEMA_REGISTRY_USERNAME: 'reg',
      }),
    ).toThrow(
      'invalid configuration: KAFKA_SSL_CA_FILE: set, but KAFKA_SSL is not true; ' +
        'KAFKA_SASL_USERNAME/PASSWORD: set, but KAFKA_SASL_MECHANISM is empty; ' +
        'SCHEMA_REGISTRY_USERNAME and SCHEMA_REGISTRY_PASSWORD: set both or neither',
    );
  });

  it('refuses a mechanism without credentials, a certificate without its key and a missing file', () => {
    expect(() => settingsOf({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'svc' })).toThrow(
      'KAFKA_SASL_MECHANISM=plain: needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD',
    );
    expect(() => settingsOf({ KAFKA_SSL: 'true', KAFKA_SSL_CERT_FILE: '/c.pem' })).toThrow(
      'KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE: a client certificate needs both',
    );
    expect(() => settingsOf({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: '/nope.pem' })).toThrow(
      /KAFKA_SSL_CA_FILE: cannot read \/nope\.pem \(ENOENT/,
    );
  });

  it('rejects a mechanism KafkaJS does not speak', () => {
    expect(() => settingsOf({ KAFKA_SASL_MECHANISM: 'gssapi' })).toThrow(/KAFKA_SASL_MECHANISM/);
  });
});
