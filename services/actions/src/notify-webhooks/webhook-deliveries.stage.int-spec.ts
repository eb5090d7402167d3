import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import { topicName, valueSubject } from '@rtml/contracts';
import type { WebhookDelivery } from '@rtml/contracts';
import { alertFixture } from '@rtml/contracts/testing';
import { StageTestDriver } from '@rtml/kafka/testing';
import type { DriverResult } from '@rtml/kafka/testing';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { awsClientConfig } from '@rtml/connections';
import { FaultProxy, freePort, testEndpoints, useDynamoDb } from '@rtml/testing';
import { alertStateTableDefinition } from '../store-prediction/scores-table.definition';
import { ensureTable } from '../store-prediction/table.provisioner';
import { DynamoDbDeliveryAttemptStore } from './dynamodb-delivery-attempt.store';
import { webhookDeliveriesStage } from './webhook-deliveries.stage';
import type { WebhookDeliveriesStageParts } from './webhook-deliveries.stage';
import { deliveriesOf } from './webhook-delivery.factory';
import { webhookTargets } from './webhook-target.factory';
import type { WebhookTarget } from './webhook-target.factory';
import { WebhookSender } from './webhook.sender';

const PREFIX = 'int';
const DELIVERIES = topicName('webhookDeliveries', PREFIX);
const SUBJECT = valueSubject('webhookDeliveries', PREFIX);
const SECRET = 'worker-secret-of-this-suite';
const MAX_ATTEMPTS = 3;
const TIMEOUT_MS = 300;

type Call = { readonly path: string; readonly headers: IncomingHttpHeaders; readonly body: string };

/** /ok answers 200, /fail 500, /gone 404; /hang accepts the request and never answers. */
async function startReceiver(port: number, calls: Call[]): Promise<Server> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      calls.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = { '/ok': 200, '/fail': 500, '/gone': 404 }[path];
      if (status !== undefined) response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

describe('the webhook delivery worker on DynamoDB Local and a real receiver', () => {
  const dynamo = useDynamoDb();
  const calls: Call[] = [];
  let receiver: Server | undefined;
  let table = '';
  const targets = new Map<string, WebhookTarget>();

  beforeAll(async () => {
    const port = await freePort();
    receiver = await startReceiver(port, calls);
    for (const path of ['/ok', '/fail', '/gone', '/hang'])
      targets.set(path, webhookTargets([`http://127.0.0.1:${port}${path}?key=k`])[0]!);
    table = dynamo.tableName('alert-state');
    await ensureTable(dynamo.client, alertStateTableDefinition(table), { create: true });
  });
  afterAll(async () => {
    receiver?.closeAllConnections();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  /** A worker as actions runs it, on this suite's table; each call is another replica. */
  const worker = (overrides: Partial<WebhookDeliveriesStageParts> = {}) =>
    new StageTestDriver(
      (codec) =>
        webhookDeliveriesStage({
          reader: codec,
          targets: [...targets.values()],
          sender: new WebhookSender({
            keys: [{ id: 'k1', secret: SECRET }],
            timeoutMs: TIMEOUT_MS,
          }),
          attempts: new DynamoDbDeliveryAttemptStore(dynamo.client, {
            tableName: table,
            keepForMs: 86_400_000,
          }),
          deliveries: { topic: DELIVERIES, subject: SUBJECT },
          retry: { maxAttempts: MAX_ATTEMPTS, initialDelayMs: 20, maxDelayMs: 50 },
          timeoutMs: TIMEOUT_MS,
          batchBudgetMs: 5_000,
          concurrency: 4,
          ...overrides,
        }),
      { prefix: PREFIX },
    );

  let alerts = 0;
  /** A new delivery, due now, of a fresh alert to the receiver's `path`. */
  const deliveryTo = (path: string): WebhookDelivery => {
    alerts += 1;
    const alert = {
      ...alertFixture,
      alertId: `alert-${alerts}-${Date.now()}`,
      createdAt: Date.now(),
    };
    return deliveriesOf(alert, [targets.get(path)!])[0]!;
  };
  const pipe = async (driver: StageTestDriver<WebhookDelivery>, delivery: WebhookDelivery) =>
    driver.pipe(DELIVERIES, [
      { key: delivery.deliveryId, value: await driver.avro(SUBJECT, delivery) },
    ]);
  const callsOf = (delivery: WebhookDelivery) =>
    calls.filter((call) => call.headers['x-rtml-delivery-id'] === delivery.deliveryId);
  const reemitted = (result: DriverResult) =>
    result.outputs<WebhookDelivery>(DELIVERIES).map((output) => output.value);

  it('delivers once, signed, with the alert and delivery ids; the same record again makes no call', async () => {
    const driver = worker();
    const delivery = deliveryTo('/ok');

    const first = await pipe(driver, delivery);
    const again = await pipe(driver, delivery); // as after a crash before the commit

    const [call, ...more] = callsOf(delivery);
    expect(more).toEqual([]);
    expect(JSON.parse(call!.body)).toEqual(delivery.alert);
    const t = call!.headers['x-rtml-timestamp'];
    const hmac = createHmac('sha256', SECRET).update(`${t}.${call!.body}`).digest('hex');
    expect(call!.headers).toMatchObject({
      'x-rtml-signature': `t=${t},v1=k1:${hmac}`,
      'x-rtml-alert-id': delivery.alert.alertId,
      'x-rtml-delivery-id': delivery.deliveryId,
    });
    for (const result of [first, again]) expect(result.records).toEqual([]);
  });

  it('retries a failing receiver within the batch, then dead-letters the delivery with the last answer; a replay makes no call', async () => {
    const driver = worker();
    const delivery = deliveryTo('/fail');

    const first = await pipe(driver, delivery);
    const replay = await pipe(driver, delivery);

    expect(callsOf(delivery)).toHaveLength(MAX_ATTEMPTS);
    for (const result of [first, replay]) {
      expect(reemitted(result)).toEqual([]);
      expect(result.deadLetters).toEqual([
        expect.objectContaining({
          errorCode: 'DEPENDENCY_UNAVAILABLE',
          originalTopic: DELIVERIES,
          service: 'actions',
        }),
      ]);
      const [letter] = result.deadLetters;
      expect(letter?.reason).toContain(`after ${MAX_ATTEMPTS} attempt(s), last answer: HTTP 500`);
      expect(letter?.reason).toContain(targets.get('/fail')!.endpoint);
      expect(letter?.reason).not.toContain('key=k');
    }
  });

  it('gives up at once on an answer that asking again cannot change', async () => {
    const delivery = deliveryTo('/gone');
    const result = await pipe(worker(), delivery);

    expect(callsOf(delivery)).toHaveLength(1);
    expect(result.deadLetters[0]?.reason).toContain('after 1 attempt(s), last answer: HTTP 404');
  });

  it('re-emits a delivery whose backoff outlasts the batch, and goes on counting from where it was', async () => {
    const budgetMs = 1_000;
    const driver = worker({
      batchBudgetMs: budgetMs,
      retry: { maxAttempts: MAX_ATTEMPTS, initialDelayMs: 1_200, maxDelayMs: 1_200 },
      random: () => 1,
    });
    let record = deliveryTo('/fail');
    const trail: number[] = [];
    for (let batch = 0; batch < 10; batch += 1) {
      const started = Date.now();
      const result = await pipe(driver, record);
      expect(Date.now() - started).toBeLessThan(budgetMs + 500); // never slept through a backoff
      const [next] = reemitted(result);
      if (next === undefined) {
        expect(result.deadLetters.map((letter) => letter.errorCode)).toEqual([
          'DEPENDENCY_UNAVAILABLE',
        ]);
        break;
      }
      expect(next.deliveryId).toBe(record.deliveryId);
      trail.push(next.attempts);
      record = next;
    }

    expect(callsOf(record)).toHaveLength(MAX_ATTEMPTS);
    expect(trail[0]).toBe(1);
    expect(trail.at(-1)).toBe(MAX_ATTEMPTS - 1);
  });

  it('a DynamoDB freeze during a claim costs no attempt: the claim it held lands, and the retried batch resumes that attempt instead of counting another', async () => {
    const proxy = await FaultProxy.start(testEndpoints().dynamodbEndpoint);
    // The service's own client settings (timeouts that throw), with 300 ms bounds; the SDK's own
    // 3 attempts are each another write held by the frozen server.
    const frozenClient = new DynamoDBClient({
      ...awsClientConfig(
        proxy.url(testEndpoints().dynamodbEndpoint),
        { AWS_REGION: 'us-east-1' },
        {
          connectionTimeoutMs: 300,
          requestTimeoutMs: 300,
          socketTimeoutMs: 300,
        },
      ),
      maxAttempts: 3,
    });
    try {
      const driver = worker({
        attempts: new DynamoDbDeliveryAttemptStore(frozenClient, {
          tableName: table,
          keepForMs: 86_400_000,
        }),
      });
      await pipe(driver, deliveryTo('/ok')); // a warm connection, as in a running service
      const delivery = deliveryTo('/fail');

      await proxy.setMode('blackhole');
      await expect(pipe(driver, delivery)).rejects.toThrow(/attempt claim/);
      await proxy.setMode('pass');
      // The server works through what it held: the claim sent on the open connection lands.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const retried = await driver.redeliver();

      // Every counted attempt was a call: none went to the freeze.
      expect(callsOf(delivery)).toHaveLength(MAX_ATTEMPTS);
      expect(retried.deadLetters.map((letter) => letter.reason)).toEqual([
        expect.stringContaining(`after ${MAX_ATTEMPTS} attempt(s), last answer: HTTP 500`),
      ]);
    } finally {
      frozenClient.destroy();
      await proxy.stop();
    }
  });

  it('a batch retried after its call was made (the result could not be recorded) makes no second call for that attempt', async () => {
    const store = new DynamoDbDeliveryAttemptStore(dynamo.client, {
      tableName: table,
      keepForMs: 86_400_000,
    });
    let failRecords = 1;
    // The real store, whose first result write fails (as DynamoDB going away right after the call).
    const flaky = Object.assign(Object.create(store) as DynamoDbDeliveryAttemptStore, {
      record: (deliveryId: string, result: Parameters<typeof store.record>[1]) =>
        failRecords-- > 0
          ? Promise.reject(new Error('DynamoDB went away'))
          : store.record(deliveryId, result),
    });
    const driver = worker({ attempts: flaky });
    const delivery = deliveryTo('/ok');

    await expect(pipe(driver, delivery)).rejects.toThrow(/went away/);
    const retried = await driver.redeliver();

    expect(callsOf(delivery)).toHaveLength(1);
    expect(retried.deadLetters).toEqual([]);
    expect(reemitted(retried)).toEqual([]);
  });

  it('lets two workers on one delivery (a zombie and the new owner) make the limit of attempts between them, never more', async () => {
    const delivery = deliveryTo('/hang');

    const results = await Promise.all([pipe(worker(), delivery), pipe(worker(), delivery)]);

    expect(callsOf(delivery)).toHaveLength(MAX_ATTEMPTS);
    for (const result of results)
      expect(result.deadLetters.map((letter) => letter.errorCode)).toEqual([
        'DEPENDENCY_UNAVAILABLE',
      ]);
  });
});
