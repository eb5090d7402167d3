import { createHash, randomBytes } from 'node:crypto';
import { CONTENT_TYPES, TOPIC_IDS, topicName } from '@rtml/contracts';
import { AvroSerde, TopicAdmin, provisionContracts } from '@rtml/kafka';
import { ServiceProcess, eventually, testEndpoints, uniqueId, useKafka } from '@rtml/testing';

const endpoints = testEndpoints();
const secure = endpoints.kafkaSecure;
const registry = endpoints.registryProxy;

/**
 * Secrets (the broker's SASL password, the registry's basic-auth password, a webhook secret, the
 * caller's API key and bearer token) and personal data (customer/terminal ids, amounts) go into
 * a real ingest process through its environment, its HTTP API and its raw topic, on success
 * and error paths; afterwards not one of their values may appear in its output.
 */
describe('the ingest process log', () => {
  if (secure === undefined || registry === undefined) {
    it.skip('skipped: only the local stack has a SASL listener and a registry behind basic auth', () => {});
    return;
  }
  const kafka = useKafka();
  const topicPrefix = kafka.prefix.replace(/\.$/, '');
  const secrets = {
    apiKey: `key-${randomBytes(12).toString('hex')}`,
    bearer: `bearer-${randomBytes(12).toString('hex')}`,
    webhookSecret: `whsec-${randomBytes(12).toString('hex')}`,
  };
  const pii = {
    customerId: uniqueId('cust-pii'),
    // Short enough that a JSON parse error would quote all of it.
    terminalId: `t${randomBytes(4).toString('hex')}`,
    amount: 9_876.54321,
  };
  let service: ServiceProcess | undefined;

  beforeAll(async () => {
    const admin = new TopicAdmin(kafka.kafka);
    await provisionContracts(admin, new AvroSerde(kafka.schemaRegistryUrl), topicPrefix);
    await admin.disconnect();
    kafka.adoptTopics(TOPIC_IDS.map((id) => topicName(id, topicPrefix)));
    kafka.groupId('rtml.ingest');
  }, 120_000);
  afterAll(async () => {
    await service?.dispose();
  });

  it('holds none of the secrets or configured personal data after success and error paths', async () => {
    service = await ServiceProcess.start({
      service: 'ingest',
      env: {
        TOPIC_PREFIX: topicPrefix,
        LOG_LEVEL: 'trace',
        KAFKA_BROKERS: secure.broker,
        KAFKA_SSL: 'true',
        KAFKA_SSL_CA_FILE: secure.caFile,
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: secure.scram.username,
        KAFKA_SASL_PASSWORD: secure.scram.password,
        SCHEMA_REGISTRY_URL: registry.url,
        SCHEMA_REGISTRY_USERNAME: registry.username,
        SCHEMA_REGISTRY_PASSWORD: registry.password,
        WEBHOOK_SECRET: secrets.webhookSecret,
        // The producer key, stored as its hash as a deployment stores it.
        INGEST_API_KEYS: JSON.stringify([
          {
            id: 'log-test',
            sha256: createHash('sha256').update(secrets.apiKey).digest('hex'),
            scopes: ['TRANSACTION', 'LABEL'],
          },
        ]),
        LOG_REDACT_FIELDS: 'customerId,terminalId,amount',
      },
    });
    await service.waitUntilReady();
    const post = (body: string, contentType: string = CONTENT_TYPES.json) =>
      fetch(`${service!.url}/v1/events`, {
        method: 'POST',
        headers: {
          'content-type': contentType,
          'x-api-key': secrets.apiKey,
          authorization: `Bearer ${secrets.bearer}`,
        },
        body,
      });
    const event = {
      eventId: uniqueId('evt'),
      kind: 'TRANSACTION',
      eventTime: Date.now() - 60_000,
      customerId: pii.customerId,
      terminalId: pii.terminalId,
      amount: pii.amount,
    };

    const accepted = await post(JSON.stringify(event));
    const invalid = await post(JSON.stringify({ ...event, amount: String(pii.amount) }));
    const malformed = await post(`{"customerId":"${pii.customerId}",`);
    const producer = kafka.kafka.producer();
    await producer.connect();
    await producer.send({
      topic: topicName('rawEvents', topicPrefix),
      messages: [
        // Not JSON, then valid JSON failing validation, then an Avro id the registry never issued.
        { key: pii.customerId, value: pii.terminalId },
        { key: pii.customerId, value: JSON.stringify({ ...event, kind: 'REFUND' }) },
        { key: pii.customerId, value: Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0, 1, 2]) },
      ],
    });
    await producer.disconnect();
    await eventually(
      () => {
        const deadLettered = service!.logs().filter((line) => line['msg'] === 'dead-lettered');
        if (deadLettered.length < 3) throw new Error(`${deadLettered.length} dead-lettered lines`);
      },
      { timeoutMs: 60_000, description: 'the three bad raw records to be dead-lettered' },
    );
    service.signal('SIGTERM');
    await service.exited();

    expect([accepted.status, invalid.status, malformed.status]).toEqual([202, 400, 400]);
    const output = [...service.stdoutLines, ...service.stderrLines].join('\n');
    expect(output).toContain('dead-lettered');
    const leaked = Object.entries({
      KAFKA_SASL_PASSWORD: secure.scram.password,
      SCHEMA_REGISTRY_PASSWORD: registry.password,
      ...secrets,
      ...pii,
      amount: String(pii.amount),
    }).filter(([, value]) => output.includes(String(value)));
    expect(leaked.map(([name]) => name)).toEqual([]);
  });
});
