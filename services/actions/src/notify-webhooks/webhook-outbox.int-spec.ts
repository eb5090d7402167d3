import 'reflect-metadata';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DeadLetter, Prediction } from '@rtml/contracts';
import { eventually, freePort, testEndpoints, useDynamoDb, useKafka } from '@rtml/testing';
import { alertIdOf } from '../raise-alerts/alert.factory';
import { ActionsServiceHarness, predictionOf } from '../testing/actions-service.harness';

const HOUR = 3_600_000;
const T0 = Math.floor(Date.now() / HOUR) * HOUR - 24 * HOUR;
const MAX_ATTEMPTS = 4;
const TIMEOUT_MS = 2_500;

type Attempt = { readonly alertId: string; readonly at: number };

/** A webhook that accepts every connection and request, and never answers any. */
async function startSilentReceiver(port: number, attempts: Attempt[]): Promise<Server> {
  const server = createServer((request) => {
    attempts.push({ alertId: String(request.headers['x-rtml-alert-id']), at: Date.now() });
    request.resume();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

describe('the actions service with a webhook that never answers', () => {
  const kafka = useKafka();
  const dynamo = useDynamoDb();
  const attempts: Attempt[] = [];
  const deadLetters: DeadLetter[] = [];
  let receiver: Server | undefined;
  let harness: ActionsServiceHarness;

  beforeAll(async () => {
    const hookPort = await freePort();
    receiver = await startSilentReceiver(hookPort, attempts);
    harness = new ActionsServiceHarness({
      kafka: kafka.kafka,
      endpoints: testEndpoints(),
      prefix: kafka.prefix.replace(/\.$/, ''),
      httpPort: await freePort(),
      tableName: dynamo.tableName,
      env: {
        WEBHOOK_URLS: `http://127.0.0.1:${hookPort}/hooks`,
        WEBHOOK_ALLOW_HOSTS: '127.0.0.1', // this suite's own receiver
        WEBHOOK_SECRET: 'silent-receiver-secret',
        WEBHOOK_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
        WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
        WEBHOOK_BACKOFF_INITIAL_MS: '500',
        WEBHOOK_BACKOFF_MAX_MS: '3000',
        // Short enough that some retries are re-emitted rather than made in the same batch.
        WEBHOOK_BATCH_BUDGET_MS: '5000',
        // A drain of 1 s: a stop leaves an in-flight batch of deliveries uncommitted, as a crash.
        SHUTDOWN_TIMEOUT_MS: '6000',
      },
    });
    kafka.adoptTopics(harness.topicNames);
    for (const group of harness.groupNames) kafka.groupId(group);
    await harness.start();
    // Both stages in their groups (readiness: 'consumer' and 'webhook-deliveries'), so the
    // timings below measure processing, not joining.
    await eventually(
      async () => expect((await fetch(`${harness.baseUrl}/health/ready`)).status).toBe(200),
      { timeoutMs: 60_000, description: 'the service to be ready' },
    );
    await harness.collectDeadLetters(kafka.groupId('reader-dlq'), deadLetters);
  });
  afterAll(async () => {
    await harness.stop();
    receiver?.closeAllConnections();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  /** `count` predictions of distinct entities; every `alertEvery`-th one alerts (0: none). */
  const predictions = (tag: string, count: number, alertEvery: number): Prediction[] =>
    Array.from({ length: count }, (_, i) =>
      predictionOf(`${tag}-${i}`, `${tag}-entity-${i}`, T0 + i, {
        ...(alertEvery > 0 && i % alertEvery === 0
          ? { score: 0.97, decision: 'ALERT' as const }
          : { score: 0.02, decision: 'ALLOW' as const }),
      }),
    );
  const alertIds = (batch: readonly Prediction[]) =>
    batch.filter((p) => p.decision === 'ALERT').map((p) => alertIdOf(p.eventId));
  const attemptsOf = (alertId: string, before = Infinity) =>
    attempts.filter((attempt) => attempt.alertId === alertId && attempt.at < before).length;
  const lettersOf = (alertId: string) =>
    deadLetters.filter(
      (letter) =>
        letter.originalTopic === harness.topics.webhookDeliveries &&
        letter.reason.includes(alertId),
    );
  const storedItems = async (prefix: string) => {
    let count = 0;
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await dynamo.client.send(
        new ScanCommand({
          TableName: harness.tables.scores,
          ConsistentRead: true,
          Select: 'COUNT',
          FilterExpression: 'begins_with(eventId, :prefix)',
          ExpressionAttributeValues: { ':prefix': { S: prefix } },
          ExclusiveStartKey: start,
        }),
      );
      count += page.Count ?? 0;
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return count;
  };
  const allDeadLettered = (ids: readonly string[]) =>
    eventually(
      () => {
        const pending = ids.filter((id) => lettersOf(id).length === 0);
        if (pending.length > 0) throw new Error(`${pending.length} deliveries not dead-lettered`);
      },
      { timeoutMs: 120_000, description: 'every delivery to be dead-lettered' },
    );

  /** Produces `batch` and resolves to how long it took until all of it is stored and committed. */
  const storeAndCommit = async (batch: readonly Prediction[], tag: string) => {
    const started = Date.now();
    await harness.produce(batch);
    await eventually(
      async () => {
        expect(await harness.uncommitted(kafka.committedOffsets)).toBe(0);
        expect(await storedItems(`${tag}-`)).toBe(batch.length);
      },
      { timeoutMs: 60_000, description: `every ${tag} prediction stored and committed` },
    );
    return Date.now() - started;
  };

  it('stores and commits every prediction at full speed while the deliveries stall', async () => {
    // The same volume with no alert at all first: the speed to keep (and every partition's
    // writer initialised, so both runs measure the same work).
    const withoutAlertsMs = await storeAndCommit(predictions('calm', 300, 0), 'calm');
    const batch = predictions('fast', 300, 5);
    const ids = alertIds(batch);
    const withAlertsMs = await storeAndCommit(batch, 'fast');
    const mostAttempts = Math.max(0, ...ids.map((id) => attemptsOf(id)));

    // In-batch webhooks made a batch wait for every attempt of its alerts (60 alerts x 4
    // attempts x 2.5 s, 8 at a time: ~75 s). Now 60 alerts to a dead receiver cost storing no
    // more than noise, and the last prediction is committed before any one delivery has used up
    // its attempts.
    expect(withAlertsMs).toBeLessThan(2 * withoutAlertsMs + 3_000);
    expect(mostAttempts).toBeLessThan(MAX_ATTEMPTS);

    await allDeadLettered(ids);
    for (const id of ids) {
      expect([id, attemptsOf(id)]).toEqual([id, MAX_ATTEMPTS]);
      expect(lettersOf(id)).toHaveLength(1);
    }
    expect(lettersOf(ids[0]!)[0]).toMatchObject({ errorCode: 'DEPENDENCY_UNAVAILABLE' });
  }, 180_000);

  it('never attempts an alert more than WEBHOOK_MAX_ATTEMPTS times, even when the worker is stopped and restarted mid-retry', async () => {
    const batch = predictions('restart', 20, 1);
    const ids = alertIds(batch);
    await harness.produce(batch);
    await eventually(() => expect(ids.some((id) => attemptsOf(id) > 0)).toBe(true), {
      timeoutMs: 30_000,
      description: 'a first attempt',
    });

    const stoppedAt = Date.now();
    await harness.restart();
    const resumedAt = Date.now();
    await allDeadLettered(ids);

    for (const id of ids) {
      expect([id, attemptsOf(id) <= MAX_ATTEMPTS]).toEqual([id, true]);
      expect(lettersOf(id)).toHaveLength(1);
    }
    // Mid-retry: some delivery had begun before the stop and made attempts after the restart.
    const continued = ids.filter(
      (id) => attemptsOf(id, stoppedAt) > 0 && attemptsOf(id) > attemptsOf(id, resumedAt),
    );
    expect(continued.length).toBeGreaterThan(0);
  }, 180_000);
});
