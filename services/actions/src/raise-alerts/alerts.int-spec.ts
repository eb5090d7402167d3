import 'reflect-metadata';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { Admin } from 'kafkajs';
import { consumerGroupId } from '@rtml/contracts';
import type { Alert, DeadLetter, Prediction } from '@rtml/contracts';
import { predictionFixture } from '@rtml/contracts/testing';
import { eventually, freePort, testEndpoints, useDynamoDb, useKafka } from '@rtml/testing';
import { TopicReader } from '@rtml/kafka/testing';
import {
  ActionsServiceHarness,
  predictionOf,
  sumOffsets,
} from '../testing/actions-service.harness';
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
  const admin: Admin = kafka.kafka.admin();
  const deliveries: Delivery[] = [];
  const alerts: Alert[] = [];
  const deadLetters: DeadLetter[] = [];
  const readers: TopicReader[] = [];
  let receiver: Server | undefined;
  let harness: ActionsServiceHarness;
  let hookUrl = '';

  /** Reads a topic of the service from the start, decoding every value into `into`. */
  const read = async <T>(topic: string, into: T[]) => {
    const reader = new TopicReader(kafka.kafka, {
      groupId: kafka.groupId(`reader-${topic}`),
      topics: [topic],
    });
    readers.push(reader);
    await reader.start(async (batch) => {
      for (const record of batch.records)
        into.push((await harness.serde.decode(record.value!)) as T);
    });
  };

  beforeAll(async () => {
    const hookPort = await freePort();
    hookUrl = `http://127.0.0.1:${hookPort}/hooks?token=secret-query`;
    receiver = await startReceiver(hookPort, deliveries);
    harness = new ActionsServiceHarness({
      kafka: kafka.kafka,
      endpoints: testEndpoints(),
      prefix: kafka.prefix.replace(/\.$/, ''),
      httpPort: await freePort(),
      env: {
        SCORES_TABLE: dynamo.tableName('scores'),
        ALERT_STATE_TABLE: dynamo.tableName('alerts'),
        ALERT_COOLDOWN_MS: String(HOUR),
        WEBHOOK_URLS: hookUrl,
        WEBHOOK_SECRET: SECRET,
        WEBHOOK_MAX_ATTEMPTS: '3',
        WEBHOOK_TIMEOUT_MS: '2000',
        WEBHOOK_BACKOFF_INITIAL_MS: '20',
        WEBHOOK_BACKOFF_MAX_MS: '100',
      },
    });
    kafka.adoptTopics(harness.topicNames);
    kafka.groupId(consumerGroupId('actions'));
    await Promise.all([harness.start(), admin.connect()]);
    await Promise.all([
      read(harness.topics.alerts, alerts),
      read(harness.topics.deadLetters, deadLetters),
    ]);
  });
  afterAll(async () => {
    await harness.stop();
    await Promise.all(readers.map((reader) => reader.stop()));
    await admin.disconnect();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  const highScore = (eventId: string, entityId: string, minutes: number): Prediction =>
    predictionOf(eventId, entityId, T0 + minutes * 60_000, { score: 0.97, decision: 'ALERT' });
  /**
   * Produces, then waits until the service has committed everything produced so far and the
   * readers have read everything it published: from then on, nothing more is coming.
   */
  const produceAndSettle = async (predictions: readonly Prediction[]) => {
    await harness.produce(predictions);
    const end = async (topic: string) =>
      sumOffsets((await admin.fetchTopicOffsets(topic)).map(({ high }) => ({ offset: high })));
    await eventually(
      async () => {
        expect(await harness.uncommitted(kafka.committedOffsets)).toBe(0);
        expect(alerts).toHaveLength(await end(harness.topics.alerts));
        expect(deadLetters).toHaveLength(await end(harness.topics.deadLetters));
      },
      { timeoutMs: 40_000, description: 'the predictions to be handled and their outputs read' },
    );
  };
  const deliveriesOf = (eventId: string) =>
    deliveries.filter((delivery) => (JSON.parse(delivery.body) as Alert).eventId === eventId);

  it('fires one alert and one signed webhook call for a high score, none within the cooldown', async () => {
    await produceAndSettle([highScore('hot-1', 'c-hot', 0)]);
    await produceAndSettle([highScore('hot-2', 'c-hot', 30)]);

    const fired = alerts.filter((candidate) => candidate.entityId === 'c-hot');
    expect(fired).toEqual([
      expect.objectContaining({ eventId: 'hot-1', alertId: alertIdOf('hot-1') }),
    ]);
    expect(fired[0]).toMatchObject({ score: 0.97, model: predictionFixture.model });
    expect(deliveriesOf('hot-2')).toHaveLength(0);
    const calls = deliveriesOf('hot-1');
    expect(calls).toHaveLength(1);
    expect(JSON.parse(calls[0]!.body)).toEqual(fired[0]);
    const hmac = createHmac('sha256', SECRET).update(calls[0]!.body).digest('hex');
    expect(calls[0]!.headers).toMatchObject({
      'x-rtml-signature': `sha256=${hmac}`,
      'x-rtml-alert-id': fired[0]!.alertId,
      'x-rtml-timestamp': expect.stringMatching(/^\d{13}$/),
    });
    const metrics = await (await fetch(`${harness.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/rtml_alerts_total\{[^}]*outcome="suppressed"[^}]*\} 1\b/);
  });

  it('re-fires the very same alerts when alerting predictions are delivered again', async () => {
    // Two alerts of one entity, further apart than the cooldown: by the time the first one is
    // delivered again, the second one has moved the entity's window past it.
    const twice = [highScore('again-1', 'c-again', 0), highScore('again-2', 'c-again', 90)];
    await produceAndSettle(twice);
    await produceAndSettle(twice);

    const fired = alerts.filter((alert) => alert.entityId === 'c-again');
    expect(fired.map((alert) => alert.eventId)).toEqual([
      'again-1',
      'again-2',
      'again-1',
      'again-2',
    ]);
    expect(fired.slice(2)).toEqual(fired.slice(0, 2));
    const ids = deliveriesOf('again-1').map((call) => call.headers['x-rtml-alert-id']);
    expect(ids).toEqual([alertIdOf('again-1'), alertIdOf('again-1')]);
  });

  it('retries a failing receiver, then dead-letters the delivery and commits', async () => {
    await produceAndSettle([highScore('down-1', 'failing-1', 0)]);

    expect(deliveriesOf('down-1')).toHaveLength(3);
    expect(alerts.filter((alert) => alert.eventId === 'down-1')).toHaveLength(1);
    const letters = deadLetters.filter((letter) => letter.reason.includes(alertIdOf('down-1')));
    expect(letters).toEqual([
      expect.objectContaining({
        originalTopic: harness.topics.predictions,
        errorCode: 'DEPENDENCY_UNAVAILABLE',
        service: 'actions',
      }),
    ]);
    expect(letters[0]!.reason).toContain(`http://127.0.0.1:${new URL(hookUrl).port}/hooks`);
    expect(letters[0]!.reason).toContain('HTTP 500');
    expect(letters[0]!.reason).not.toContain('secret-query');
  });
});
