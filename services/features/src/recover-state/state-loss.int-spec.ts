import type { Transaction } from '@rtml/contracts';
import { HANDBOOK_15, SECONDS_PER_DAY, compileFeaturePlan } from '@rtml/feature-engine';
import { eventually, freePort, testEndpoints, useKafka, useRedis } from '@rtml/testing';
import { FeaturesServiceHarness } from '../testing/features-service.harness';
import { ScratchRedis } from '../testing/scratch-redis.fixture';
import { deleteKeysUnder, windowStateOf } from '../testing/window-state.fixture';
import { differences } from '../update-features/window-deliveries.fixture';
import { phasedScenario } from '../update-features/window-events.fixture';

const plan = compileFeaturePlan(HANDBOOK_15);
const RESETS = 'rtml_state_resets_total';

/** Days 0–3, their labels, days 8–10 (see `phasedScenario`). */
const phases = (seed: number) =>
  phasedScenario(plan, { seed, transactions: 160, days: 11, earlyDays: 4, lateFromDay: 8 });

/** A suite's service on its own topics, group and key prefix. */
function useFeaturesService() {
  let stop = () => Promise.resolve();
  // Declared before useKafka so that it runs first: stop consuming before the topics go.
  afterAll(() => stop(), 60_000);
  const kafka = useKafka();
  const harness = new FeaturesServiceHarness({
    kafka: kafka.kafka,
    schemaRegistryUrl: kafka.schemaRegistryUrl,
    prefix: kafka.prefix.slice(0, -1),
    groupId: kafka.groupId('rtml.features'),
    readerGroupId: kafka.groupId('reader'),
  });
  stop = () => harness.stop();
  kafka.adoptTopics(harness.topics);
  const start = async (env: Record<string, string>) =>
    harness.start({
      HTTP_PORT: String(await freePort()),
      KAFKA_BROKERS: testEndpoints().kafkaBrokers.join(','),
      SCHEMA_REGISTRY_URL: testEndpoints().schemaRegistryUrl,
      ...env,
    });
  return { harness, start };
}

/** Every event id read from features.enriched more than once. */
const emittedTwice = (harness: FeaturesServiceHarness): string[] => {
  const counts = new Map<string, number>();
  for (const { value } of harness.enriched)
    counts.set(value.eventId, (counts.get(value.eventId) ?? 0) + 1);
  return [...counts].filter(([, count]) => count > 1).map(([eventId]) => eventId);
};

const committed = (harness: FeaturesServiceHarness, id: 'transactions' | 'labels') =>
  eventually(() => harness.committedAll(id), { timeoutMs: 60_000, description: `${id} committed` });

describe.each(['exactly_once_v2', 'at_least_once'])(
  'the features service (%s) when its state keys are deleted under it',
  (guarantee) => {
    const { harness, start } = useFeaturesService();
    const redis = useRedis();

    beforeAll(
      () =>
        start({
          REDIS_URL: testEndpoints().redisUrl,
          REDIS_KEY_PREFIX: redis.prefix,
          PROCESSING_GUARANTEE: guarantee,
        }),
      120_000,
    );

    it('goes not ready, rebuilds windows, labels and markers from the topics, counts the reset and resumes with the offline vectors', async () => {
      const { early, late, labels, expected } = phases(21);
      await harness.produce('transactions', early);
      await committed(harness, 'transactions');
      await harness.produce('labels', labels);
      await committed(harness, 'labels');
      await eventually(async () => expect((await harness.readiness()).status).toBe(200));
      const before = await windowStateOf(redis.redis, redis.prefix, {
        plan,
        graceSeconds: SECONDS_PER_DAY,
      });
      const resetsBefore = await harness.metric(RESETS);

      expect(await deleteKeysUnder(redis.redis, redis.prefix)).toBeGreaterThan(before.size);
      const lost = await harness.readiness();
      await eventually(async () => expect((await harness.readiness()).status).toBe(200), {
        timeoutMs: 60_000,
        description: 'ready again',
      });
      const rebuilt = await windowStateOf(redis.redis, redis.prefix, {
        plan,
        graceSeconds: SECONDS_PER_DAY,
      });
      const resetsAfter = await harness.metric(RESETS);
      await harness.produce('transactions', [...late, early[0] as Transaction]);
      await committed(harness, 'transactions');
      await eventually(() => expect(harness.enriched).toHaveLength(expected.size), {
        timeoutMs: 30_000,
      });

      expect(lost.status).toBe(503);
      expect(lost.checks['feature-state']?.ok).toBe(false);
      expect(lost.checks['redis']?.ok).toBe(true);
      expect([resetsBefore, resetsAfter]).toEqual([0, 1]);
      expect(before.size).toBeGreaterThan(early.length);
      expect(rebuilt).toEqual(before);
      expect(emittedTwice(harness)).toEqual([]);
      expect(differences(harness.vectors(), expected)).toEqual([]);
      // Dropped, not emitted (above); counted per attempt, and the first batch after a rebuild
      // runs twice (the rebuild fenced its partition's writer).
      expect(await harness.metric('rtml_duplicates_total', { stage: 'features' })).toBeGreaterThan(
        0,
      );
    }, 180_000);
  },
);

describe('the features service when its own Redis restarts empty mid-stream', () => {
  const { harness, start } = useFeaturesService();
  let server: ScratchRedis | undefined;
  afterAll(() => server?.kill());

  beforeAll(async () => {
    server = new ScratchRedis(await freePort());
    await server.start();
    await start({ REDIS_URL: server.url });
  }, 120_000);

  it('holds the batches that found the state gone, rebuilds it and emits each vector once, as the offline engine computes it', async () => {
    const { early, late, labels, expected } = phases(34);
    const [firstLate, secondLate] = [late.slice(0, 20), late.slice(20)];
    await harness.produce('transactions', early);
    await committed(harness, 'transactions');
    await harness.produce('labels', labels);
    await committed(harness, 'labels');
    const resetsBefore = await harness.metric(RESETS);

    // Nothing polls readiness here: the batches' own scripts must find the epoch gone.
    await server?.restart();
    await harness.produce('transactions', firstLate);
    await eventually(() => expect(harness.enriched.length).toBeGreaterThan(early.length), {
      timeoutMs: 60_000,
      description: 'the first vectors after the restart',
    });
    await harness.produce('transactions', [...secondLate, early[1] as Transaction]);
    await committed(harness, 'transactions');
    await eventually(() => expect(harness.enriched).toHaveLength(expected.size), {
      timeoutMs: 30_000,
    });

    expect(resetsBefore).toBe(0);
    expect((await harness.readiness()).status).toBe(200);
    expect(await harness.metric(RESETS)).toBe(1);
    expect(emittedTwice(harness)).toEqual([]);
    expect(differences(harness.vectors(), expected)).toEqual([]);
    expect(await harness.metric('rtml_duplicates_total', { stage: 'features' })).toBeGreaterThan(0);
  }, 180_000);
});
