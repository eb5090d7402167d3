import { HANDBOOK_15, SECONDS_PER_DAY, compileFeaturePlan } from '@rtml/feature-engine';
import { useRedis } from '@rtml/testing';
import { RedisWindowStore } from './redis-window.store';
import {
  IN_EVENT_TIME_ORDER,
  deliveries,
  differences,
  inBatches,
  replay,
  wrongEmissions,
} from './window-deliveries.fixture';
import { expectedVectors, generateScenario } from './window-events.fixture';
import type { TransactionWrite, WindowWrite } from './window-store.model';

const HOUR = 3_600;

describe('the Redis window store, against the offline method', () => {
  const { redis, prefix } = useRedis();
  const plan = compileFeaturePlan(HANDBOOK_15);
  const scenario = generateScenario({
    seed: 20_180_401,
    transactions: 3_000,
    customers: 50,
    terminals: 30,
    days: 40,
  });
  const expected = expectedVectors(plan, scenario);
  let stores = 0;
  const freshStore = () =>
    new RedisWindowStore(redis, {
      plan,
      keyPrefix: `${prefix}store-${++stores}:`,
      dedupeTtlSeconds: 38 * SECONDS_PER_DAY,
      graceSeconds: SECONDS_PER_DAY,
    });

  it('has a scenario that exercises every kind of feature', () => {
    const vectors = [...expected.values()];
    const risk = plan.featureNames.indexOf('TERMINAL_ID_RISK_7DAY_WINDOW');
    const terminalCount = plan.featureNames.indexOf('TERMINAL_ID_NB_TX_1DAY_WINDOW');

    expect(vectors).toHaveLength(3_000);
    expect(vectors.filter((v) => (v[risk] as number) > 0).length).toBeGreaterThan(100);
    expect(vectors.filter((v) => v[terminalCount] === 0).length).toBeGreaterThan(50);
  });

  it('gives every event, bit for bit, the offline vector when events arrive in event-time order', async () => {
    const writes = deliveries(plan, scenario, IN_EVENT_TIME_ORDER);

    const { vectors } = await replay(freshStore(), plan, inBatches(writes, 500));

    expect(vectors.size).toBe(3_000);
    expect(differences(vectors, expected)).toEqual([]);
  });

  it.each([
    { lags: [0, 4 * HOUR, 9 * HOUR, 13 * HOUR], batch: 137 },
    { lags: [13 * HOUR, 9 * HOUR, 0, 5 * HOUR, 2 * HOUR], batch: 61 },
  ])(
    'gives the same vectors when customers sit on partitions interleaved with lags $lags',
    async ({ lags, batch }) => {
      const writes = deliveries(plan, scenario, {
        lagSeconds: lags,
        labelLeadSeconds: SECONDS_PER_DAY,
      });

      const { vectors } = await replay(freshStore(), plan, inBatches(writes, batch));

      expect(differences(vectors, expected)).toEqual([]);
    },
  );

  it('re-emits identical vectors for a redelivered batch and counts nothing twice', async () => {
    const batches = inBatches(deliveries(plan, scenario, IN_EVENT_TIME_ORDER), 120);
    // Every 5th batch is delivered again whole; every 7th is cut short by a "crash" first.
    const schedule = batches.flatMap((batch, i) => [
      ...(i % 7 === 3 ? [batch.slice(0, Math.floor(batch.length / 2))] : []),
      batch,
      ...(i % 5 === 1 ? [batch] : []),
    ]);

    const { vectors, emitted, outcomes } = await replay(freshStore(), plan, schedule);

    const again = outcomes.filter((o) => o.outcome.kind === 'scored' && o.outcome.redelivered);
    expect(again.length).toBeGreaterThan(300);
    expect(emitted.length).toBe(3_000 + again.length);
    expect(wrongEmissions(emitted, expected)).toEqual([]);
    expect(differences(vectors, expected)).toEqual([]);
  });

  it('re-emits for every delivery of a redelivered record the vector of its first', async () => {
    const store = freshStore();
    const [head, batch] = inBatches(deliveries(plan, scenario, IN_EVENT_TIME_ORDER), 1_500);

    await replay(store, plan, [head ?? []]);
    const first = await replay(store, plan, [batch?.slice(0, 60) ?? []]);
    const second = await replay(store, plan, [batch?.slice(0, 60) ?? []]);

    expect(second.vectors.size).toBeGreaterThan(20);
    expect(differences(second.vectors, first.vectors)).toEqual([]);
  });

  it('drops a producer duplicate (same event id, another record) and keeps the state as it was', async () => {
    const store = freshStore();
    const writes = deliveries(plan, scenario, IN_EVENT_TIME_ORDER);
    const transactions = writes.filter((w): w is TransactionWrite => w.kind === 'transaction');
    const copies: WindowWrite[] = transactions
      .slice(0, 1_600)
      .filter((_, i) => i % 50 === 7)
      .map((w) => ({ ...w, source: `${w.source}-copy` }));
    const cut = writes.indexOf(transactions[1_600] as WindowWrite);

    const before = await replay(store, plan, inBatches(writes.slice(0, cut), 400));
    const duplicates = await replay(store, plan, inBatches(copies, 25));
    const after = await replay(store, plan, inBatches(writes.slice(cut), 400));

    expect(duplicates.outcomes.map((o) => o.outcome.kind)).toEqual(copies.map(() => 'duplicate'));
    expect(duplicates.outcomes[0]?.outcome).toEqual({
      kind: 'duplicate',
      firstSource: (copies[0] as TransactionWrite).source.replace(/-copy$/, ''),
    });
    expect(differences(new Map([...before.vectors, ...after.vectors]), expected)).toEqual([]);
  });
});
