import 'reflect-metadata';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { Alert, DeadLetter, Prediction, WebhookDelivery } from '@rtml/contracts';
import { predictionFixture } from '@rtml/contracts/testing';
import type { IncomingRecord } from '@rtml/kafka';
import { TopicReader } from '@rtml/kafka/testing';
import { eventually, freePort, testEndpoints, useDynamoDb, useKafka } from '@rtml/testing';
import { deliveryIdOf } from '../notify-webhooks/webhook-delivery.factory';
import { webhookTargets } from '../notify-webhooks/webhook-target.factory';
import { ActionsServiceHarness, predictionOf } from '../testing/actions-service.harness';
import { alertIdOf } from './alert.factory';

const SECRET = 'webhook-secret-for-this-suite';
const HOUR = 3_600_000;
const T0 = Math.floor(Date.now() / HOUR) * HOUR - 24 * HOUR; // recent: items outlive the suite

type Delivery = { readonly headers: IncomingHttpHeaders; readonly body: string };

/** A webhook receiver recording every call; it answers 500 for entities named failing-*. */
async function startReceiver(port: number, deliveries: Delivery[]): Promise<Server> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      deliveries.push({ headers: request.headers, body });
      const failing = (JSON.parse(body) as Alert).entityId.startsWith('failing-');
      response.writeHead(failing ? 500 : 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

describe('the actions service raising alerts and calling webhooks', () => {
  const kafka = useKafka();
  const dynamo = useDynamoDb();
  const calls: Delivery[] = [];
  const alerts: Alert[] = [];
  const deadLetters: DeadLetter[] = [];
  const outbox: { readonly record: IncomingRecord; readonly value: WebhookDelivery }[] = [];
  const readers: TopicReader[] = [];
  let receiver: Server | undefined;
  let harness: ActionsServiceHarness;
  let hookUrl = '';

  /** Reads a topic of the service from the start (read_committed), decoding every value. */
  const read = async <T>(topic: string, into: (record: IncomingRecord, value: T) => void) => {
    const reader = new TopicReader(kafka.kafka, {
      groupId: kafka.groupId(`reader-${topic}`),
      topics: [topic],
    });
    readers.push(reader);
    await reader.start(async (batch) => {
      for (const record of batch.records)
        into(record, (await harness.serde.decode(record.value!)) as T);
    });
  };

  beforeAll(async () => {
    const hookPort = await freePort();
    hookUrl = `http://127.0.0.1:${hookPort}/hooks?token=secret-query`;
    receiver = await startReceiver(hookPort, calls);
    harness = new ActionsServiceHarness({
      kafka: kafka.kafka,
      endpoints: testEndpoints(),
      prefix: kafka.prefix.replace(/\.$/, ''),
      httpPort: await freePort(),
      tableName: dynamo.tableName,
      env: {
        ALERT_COOLDOWN_MS: String(HOUR),
        WEBHOOK_URLS: hookUrl,
        WEBHOOK_ALLOW_HOSTS: '127.0.0.1', // this suite's own receiver
        WEBHOOK_SECRET: SECRET,
        WEBHOOK_MAX_ATTEMPTS: '3',
        WEBHOOK_TIMEOUT_MS: '2000',
        WEBHOOK_BACKOFF_INITIAL_MS: '20',
        WEBHOOK_BACKOFF_MAX_MS: '100',
      },
    });
    kafka.adoptTopics(harness.topicNames);
    for (const group of harness.groupNames) kafka.groupId(group);
    await harness.start();
    await Promise.all([
      read<Alert>(harness.topics.alerts, (_, value) => alerts.push(value)),
      read<DeadLetter>(harness.topics.deadLetters, (_, value) => deadLetters.push(value)),
      read<WebhookDelivery>(harness.topics.webhookDeliveries, (record, value) =>
        outbox.push({ record, value }),
      ),
    ]);
  });
  afterAll(async () => {
    await harness.stop();
    await Promise.all(readers.map((reader) => reader.stop()));
    await new Promise((resolve) => receiver?.close(resolve));
  });

  const highScore = (eventId: string, entityId: string, minutes: number): Prediction =>
    predictionOf(eventId, entityId, T0 + minutes * 60_000, { score: 0.97, decision: 'ALERT' });
  const alertsOf = (entityId: string) => alerts.filter((alert) => alert.entityId === entityId);
  const callsOf = (eventId: string) =>
    calls.filter((call) => (JSON.parse(call.body) as Alert).eventId === eventId);

  /** Produces, then waits until the service has committed (and so published) all of it. */
  const produceAndCommit = async (predictions: readonly Prediction[]) => {
    await harness.produce(predictions);
    await eventually(
      async () => expect(await harness.uncommitted(kafka.committedOffsets)).toBe(0),
      {
        timeoutMs: 40_000,
        description: 'the predictions to be committed',
      },
    );
  };
  /**
   * Waits until the delivery worker has committed past `records` delivery records of the given
   * events' alerts: their calls are made and their dead letters written. (No delivery of this
   * suite waits out a backoff longer than a batch, so none is re-emitted.)
   */
  const deliveriesWorked = (eventIds: readonly string[], records: number) =>
    eventually(
      async () => {
        const ids = eventIds.map(alertIdOf);
        const mine = outbox.filter(({ value }) => ids.includes(value.alert.alertId));
        expect(mine.length).toBeGreaterThanOrEqual(records);
        const committed = await kafka.committedOffsets(
          harness.deliveriesGroupId,
          harness.topics.webhookDeliveries,
        );
        for (const { record } of mine) {
          const done = committed.find((c) => c.partition === record.partition)?.offset ?? '-1';
          expect(BigInt(done)).toBeGreaterThan(BigInt(record.offset));
        }
      },
      { timeoutMs: 40_000, description: `the deliveries of ${eventIds.join(', ')} to be worked` },
    );
  /** Events of one entity are one partition, so once the last one's alert is read, all are. */
  const alertsRead = (entityId: string, count: number) =>
    eventually(() => expect(alertsOf(entityId).length).toBeGreaterThanOrEqual(count), {
      timeoutMs: 20_000,
      description: `${count} alerts of ${entityId}`,
    });

  it('fires one alert and one signed webhook call for a high score, none within the cooldown', async () => {
    // hot-3 is past the cooldown: its alert, read after hot-2's place in the partition, shows
    // that hot-2 raised none.
    await produceAndCommit([
      highScore('hot-1', 'c-hot', 0),
      highScore('hot-2', 'c-hot', 30),
      highScore('hot-3', 'c-hot', 120),
    ]);
    await alertsRead('c-hot', 2);
    await deliveriesWorked(['hot-1', 'hot-3'], 2);

    const fired = alertsOf('c-hot');
    expect(fired.map((alert) => alert.eventId)).toEqual(['hot-1', 'hot-3']);
    expect(fired[0]).toMatchObject({ alertId: alertIdOf('hot-1'), score: 0.97 });
    expect(fired[0]).toMatchObject({ model: predictionFixture.model });
    expect(callsOf('hot-2')).toHaveLength(0);
    const [call, ...more] = callsOf('hot-1');
    expect(more).toHaveLength(0);
    expect(JSON.parse(call!.body)).toEqual(fired[0]);
    const t = call!.headers['x-rtml-timestamp'];
    const hmac = createHmac('sha256', SECRET).update(`${t}.${call!.body}`).digest('hex');
    expect(call!.headers).toMatchObject({
      'x-rtml-signature': `t=${t},v1=k1:${hmac}`,
      'x-rtml-alert-id': fired[0]!.alertId,
      'x-rtml-delivery-id': deliveryIdOf(fired[0]!.alertId, webhookTargets([hookUrl])[0]!.id),
      'x-rtml-timestamp': expect.stringMatching(/^\d{13}$/),
    });
    const metrics = await (await fetch(`${harness.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/rtml_alerts_total\{[^}]*outcome="suppressed"[^}]*\} 1\b/);
  });

  it('re-fires the very same alerts when alerting predictions are delivered again, and calls the webhook once per alert', async () => {
    // Two alerts of one entity, further apart than the cooldown: by the time the first one is
    // delivered again, the second one has moved the entity's window past it.
    const twice = [highScore('again-1', 'c-again', 0), highScore('again-2', 'c-again', 90)];
    await produceAndCommit(twice);
    await produceAndCommit(twice);
    await alertsRead('c-again', 4);
    await deliveriesWorked(['again-1', 'again-2'], 4);

    const fired = alertsOf('c-again');
    expect(fired.map((alert) => alert.eventId)).toEqual([
      'again-1',
      'again-2',
      'again-1',
      'again-2',
    ]);
    expect(fired.slice(2)).toEqual(fired.slice(0, 2));
    const records = outbox.filter(({ value }) => value.alert.alertId === alertIdOf('again-1'));
    expect(new Set(records.map(({ value }) => value.deliveryId)).size).toBe(1);
    // The re-fired alert's delivery finds its counter settled: receivers get it once.
    expect(callsOf('again-1')).toHaveLength(1);
    expect(callsOf('again-2')).toHaveLength(1);
  });

  it('retries a failing receiver, then dead-letters the delivery once and commits', async () => {
    await produceAndCommit([highScore('down-1', 'failing-1', 0)]);
    await deliveriesWorked(['down-1'], 1);

    expect(callsOf('down-1')).toHaveLength(3);
    await alertsRead('failing-1', 1);
    const letters = await eventually(() => {
      const found = deadLetters.filter((letter) => letter.reason.includes(alertIdOf('down-1')));
      expect(found.length).toBeGreaterThan(0);
      return found;
    });
    expect(letters).toEqual([
      expect.objectContaining({
        originalTopic: harness.topics.webhookDeliveries,
        errorCode: 'DEPENDENCY_UNAVAILABLE',
        service: 'actions',
      }),
    ]);
    expect(letters[0]!.reason).toContain(`http://127.0.0.1:${new URL(hookUrl).port}/hooks`);
    expect(letters[0]!.reason).toContain('after 3 attempt(s), last answer: HTTP 500');
    expect(letters[0]!.reason).not.toContain('secret-query');
  });
});
