import 'reflect-metadata';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashApiKey } from '@rtml/service-runtime';
import type { Prediction } from '@rtml/contracts';
import { eventually, freePort, testEndpoints, useDynamoDb, useKafka } from '@rtml/testing';
import { ActionsServiceHarness, predictionOf } from '../testing/actions-service.harness';

const API_KEY = 'suite-api-key-1';
/** A tenant's key, generated per run, that reads only entities whose id starts with `acme-`. */
const TENANT_KEY = randomBytes(24).toString('base64url');
/** A key allowed two reads at once, then one every 4 s. */
const LIMITED_KEY = randomBytes(24).toString('base64url');
// Recent event times: items expire a retention after their event time, and DynamoDB Local's TTL
// deletes expired items within seconds.
const T0 = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 86_400_000;

describe('the actions service storing predictions and serving the scores API', () => {
  const kafka = useKafka();
  const dynamo = useDynamoDb();
  let harness: ActionsServiceHarness;

  beforeAll(async () => {
    const keysFile = join(mkdtempSync(join(tmpdir(), 'scores-keys-')), 'keys.json');
    const tenant = { id: 'acme', sha256: hashApiKey(TENANT_KEY), entityPrefixes: ['acme-'] };
    const limited = {
      id: 'limited',
      sha256: hashApiKey(LIMITED_KEY),
      rateLimit: { rate: 0.25, burst: 2 },
    };
    writeFileSync(keysFile, JSON.stringify([tenant, limited]));
    harness = new ActionsServiceHarness({
      kafka: kafka.kafka,
      endpoints: testEndpoints(),
      prefix: kafka.prefix.replace(/\.$/, ''),
      httpPort: await freePort(),
      tableName: dynamo.tableName,
      env: {
        API_KEYS: API_KEY,
        API_KEYS_FILE: keysFile,
      },
    });
    kafka.adoptTopics(harness.topicNames);
    for (const group of harness.groupNames) kafka.groupId(group); // deleted after the suite
    await harness.start();
  });
  afterAll(() => harness.stop());

  const prediction = (eventId: string, entityId: string, minutes: number): Prediction =>
    predictionOf(eventId, entityId, T0 + minutes * 60_000, { score: 0.1, decision: 'ALLOW' });
  /** Produces, then waits until the service has committed everything produced so far. */
  const produceAndSettle = async (predictions: readonly Prediction[]) => {
    await harness.produce(predictions);
    await eventually(
      async () => expect(await harness.uncommitted(kafka.committedOffsets)).toBe(0),
      { timeoutMs: 40_000, description: 'the predictions to be committed' },
    );
  };
  const get = (path: string, key: string | null = API_KEY) =>
    fetch(`${harness.baseUrl}${path}`, { headers: key === null ? {} : { 'x-api-key': key } });
  const scanItems = async () => {
    const { Items = [] } = await dynamo.client.send(
      new ScanCommand({ TableName: harness.tables.scores, ConsistentRead: true }),
    );
    return Items.map((item) => unmarshall(item))
      .filter((item) => String(item['eventId']).startsWith('store-'))
      .sort((a, b) => (a['eventId'] < b['eventId'] ? -1 : 1));
  };

  it('stores each prediction as exactly one item, and a redelivery leaves the very same items', async () => {
    const batch = ['c-1', 'c-2', 'c-3'].flatMap((entity) =>
      [0, 1, 2, 3].map((i) => prediction(`store-${entity}-${i}`, `store-${entity}`, i)),
    );
    await produceAndSettle(batch);
    const stored = await scanItems();

    await produceAndSettle(batch);

    expect(stored.map((item) => item['eventId'])).toEqual(batch.map((p) => p.eventId).sort());
    expect(await scanItems()).toEqual(stored);
  });

  it('answers a stored score by event id, 404 for an unknown id, 401 without a valid key', async () => {
    const stored = prediction('by-id-1', 'c-by-id', 5);
    await produceAndSettle([stored]);

    const found = await get('/v1/scores/by-id-1');
    const unknown = await get('/v1/scores/no-such-event');

    expect(found.status).toBe(200);
    expect(await found.json()).toEqual({
      ...stored,
      expiresAt: expect.any(Number),
      label: null,
      matured: false,
      outcome: 'pending',
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'NOT_FOUND', message: expect.any(String) });
    for (const key of [null, 'wrong-key-123']) {
      const refused = await get('/v1/scores/by-id-1', key);
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ code: 'UNAUTHORIZED' });
    }
    expect((await get('/health/live', null)).status).toBe(200);
  });

  it("limits a prefix-scoped key to its tenant's entities: others answer 404 as if missing", async () => {
    const own = prediction('tenant-1', 'acme-c1', 6);
    const other = prediction('tenant-2', 'globex-c1', 7);
    await produceAndSettle([own, other]);

    expect((await get('/v1/scores/tenant-1', TENANT_KEY)).status).toBe(200);
    const hidden = await get('/v1/scores/tenant-2', TENANT_KEY);
    expect(hidden.status).toBe(404);
    expect(await hidden.json()).toMatchObject({ code: 'NOT_FOUND' });
    const ownList = await get('/v1/entities/acme-c1/scores', TENANT_KEY);
    expect(((await ownList.json()) as { items: unknown[] }).items).toHaveLength(1);
    expect((await get('/v1/entities/globex-c1/scores', TENANT_KEY)).status).toBe(404);
    // The unscoped key still reads every entity.
    expect((await get('/v1/scores/tenant-2')).status).toBe(200);
  });

  it('answers 429 with Retry-After once a rate-limited key has spent its burst, and only for that key', async () => {
    await produceAndSettle([prediction('limited-1', 'c-limited', 8)]);

    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await get('/v1/scores/limited-1', LIMITED_KEY));

    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 429]);
    const refused = answers[2] as Response;
    expect(await refused.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(4);
    expect((await get('/v1/scores/limited-1')).status).toBe(200);
  });

  it("pages through an entity's scores in event-time order, following the cursor", async () => {
    const minutes = Array.from({ length: 21 }, (_, i) => (i * 8) % 21); // 0..20, out of order
    await produceAndSettle(minutes.map((m) => prediction(`page-${m}`, 'c-pages', m)));
    const to = new Date(T0 + 20 * 60_000).toISOString();
    const path = `/v1/entities/c-pages/scores?limit=8&from=${T0 + 60_000}&to=${to}`;

    const pages = await eventually(async () => {
      const collected: Array<{ items: Prediction[]; nextCursor: string | null }> = [];
      let cursor: string | null = null;
      do {
        const response = await get(cursor ? `${path}&cursor=${cursor}` : path);
        expect(response.status).toBe(200);
        const page = (await response.json()) as { items: Prediction[]; nextCursor: string | null };
        collected.push(page);
        cursor = page.nextCursor;
      } while (cursor);
      expect(collected.flatMap((page) => page.items)).toHaveLength(20);
      return collected;
    });

    expect(pages.map((page) => page.items.length)).toEqual([8, 8, 4]);
    expect(pages.flatMap((page) => page.items.map((item) => item.eventTime))).toEqual(
      Array.from({ length: 20 }, (_, i) => T0 + (i + 1) * 60_000),
    );
  });

  it('answers 400 with a reason per field for bad query parameters', async () => {
    const response = await get('/v1/entities/c-1/scores?from=soon&to=5&limit=5000&cursor=zz*');

    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      code: string;
      details: { fields: { path: string }[] };
    };
    expect(body.code).toBe('REQUEST_INVALID');
    expect(body.details.fields.map((field) => field.path).sort()).toEqual([
      'cursor',
      'from',
      'limit',
    ]);
    const reversed = await get('/v1/entities/c-1/scores?from=2000&to=1000');
    expect(reversed.status).toBe(400);
  });

  it('describes both endpoints, their parameters, the outcome fields and the API-key scheme at /docs/json', async () => {
    const document = (await (await get('/docs/json', null)).json()) as {
      paths: Record<string, { get: { parameters: { name: string }[]; security: unknown[] } }>;
      components: {
        securitySchemes: Record<string, { in: string; name: string }>;
        schemas: Record<string, { properties: Record<string, { enum?: string[] }> }>;
      };
    };
    const list = document.paths['/v1/entities/{entityId}/scores']?.get;

    expect(document.paths['/v1/scores/{eventId}']?.get.security).toEqual([{ apiKey: [] }]);
    expect(list?.parameters.map((parameter) => parameter.name).sort()).toEqual([
      'cursor',
      'entityId',
      'from',
      'limit',
      'to',
    ]);
    expect(document.components.securitySchemes['apiKey']).toMatchObject({
      in: 'header',
      name: 'x-api-key',
    });
    const score = document.components.schemas['StoredScoreSchema']?.properties ?? {};
    expect(score).toHaveProperty('label');
    expect(score).toHaveProperty('matured');
    expect(score['outcome']?.enum).toEqual(['fraud', 'genuine', 'pending']);
    expect((await get('/docs', null)).status).toBe(200);
  });
});
