import { TOPICS, TOPIC_IDS, valueSubject } from '@rtml/contracts';
import { CONTRACT_FIXTURES } from '@rtml/contracts/testing';
import { testEndpoints, useKafka } from '@rtml/testing';
import { AvroSerde } from './avro-serde';
import { contractTopicSpecs, provisionContracts } from './contract-topics';
import { TopicAdmin } from './topic-admin';

/**
 * The registry behind the local stack's nginx, which requires basic auth: the client's
 * credentials must reach every request, provisioning's `PUT /config` included. Only the local
 * stack has the proxy; against containers the suite is skipped.
 */
const proxy = testEndpoints().registryProxy;
const describeWithProxy = proxy === undefined ? describe.skip : describe;

describeWithProxy('the schema registry behind a proxy that requires basic auth', () => {
  const { url, username, password } = proxy ?? { url: '', username: '', password: '' };
  const kafka = useKafka();
  const prefix = kafka.prefix.slice(0, -1);
  const admin = new TopicAdmin(kafka.kafka);
  afterAll(() => admin.disconnect());

  it('refuses a request without credentials', async () => {
    const response = await fetch(`${url}/subjects`);

    expect(response.status).toBe(401);
  });

  it('provisions through it with the configured credentials: topics, subjects and compatibility', async () => {
    kafka.adoptTopics(contractTopicSpecs(prefix).map((spec) => spec.name));
    const serde = new AvroSerde(url, { username, password });

    await provisionContracts(admin, serde, prefix);

    // Read back from the registry itself, past the proxy: the PUT /config calls reached it.
    const levels = await Promise.all(
      TOPIC_IDS.map(async (id) => {
        const response = await fetch(
          `${testEndpoints().schemaRegistryUrl}/config/${valueSubject(id, prefix)}`,
        );
        return ((await response.json()) as { compatibilityLevel: string }).compatibilityLevel;
      }),
    );
    expect(levels).toEqual(TOPIC_IDS.map((id) => TOPICS[id].compatibility));
    const id = TOPIC_IDS[0] as (typeof TOPIC_IDS)[number];
    const value = CONTRACT_FIXTURES[id][0];
    const encoded = await serde.encode(valueSubject(id, prefix), value);
    await expect(new AvroSerde(url, { username, password }).decode(encoded)).resolves.toEqual(
      value,
    );
  });

  it('fails provisioning with wrong credentials, naming the variables to check', async () => {
    const serde = new AvroSerde(url, { username, password: `${password}-wrong` });
    kafka.adoptTopics(contractTopicSpecs(`${prefix}-denied`).map((spec) => spec.name));

    const failure = await provisionContracts(admin, serde, `${prefix}-denied`).catch(
      (error: unknown) => error,
    );

    expect(String((failure as Error).message)).toMatch(/401/);
    expect(JSON.stringify(failure, Object.getOwnPropertyNames(failure))).toMatch(
      /SCHEMA_REGISTRY_USERNAME and SCHEMA_REGISTRY_PASSWORD/,
    );
  });

  it('answers a decode with wrong credentials with the same hint, not a silent retry', async () => {
    const good = new AvroSerde(url, { username, password });
    const id = TOPIC_IDS[0] as (typeof TOPIC_IDS)[number];
    const encoded = await good.encode(valueSubject(id, prefix), CONTRACT_FIXTURES[id][0]);
    const wrong = new AvroSerde(url, { username, password: `${password}-wrong` });

    await expect(wrong.decode(encoded)).rejects.toThrow(/refused the credentials/);
  });
});
