/* eslint-disable no-console -- a command-line benchmark prints its result */
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { DEFAULT_ENDPOINTS } from '@rtml/config';
import { HANDBOOK_15, SECONDS_PER_DAY, compileFeaturePlan } from '@rtml/feature-engine';
import { redisCpuSeconds } from '../bench/redis-cpu';
import { RedisWindowStore } from './redis-window.store';
import { IN_EVENT_TIME_ORDER, deliveries, inBatches, vectorOf } from './window-deliveries.fixture';
import { generateScenario } from './window-events.fixture';
import { NO_EPOCH } from './window-store.model';
import type { WindowWrite } from './window-store.model';

/*
 * Throughput of the Redis window engine alone (no Kafka): batches of 500 writes through
 * `RedisWindowStore.apply`, then `computeFeatureVector` on what came back. Reference-like density
 * (5,000 customers, 10,000 terminals, ~9,500 transactions a day); only the last `--measure-days`
 * are timed, once every window is full. Cleans up its keys.
 *
 * Besides the wall-clock rate (one batch in flight, so client and server take turns), it reports
 * the CPU each side spent per write: Redis's from INFO (the whole server, so run it on a Redis
 * nothing else is using), the client's from process.cpuUsage(), and the writes one Redis core
 * could take at that cost (`writesPerRedisCoreSecond`, the window store's ceiling).
 *
 *   node --conditions=@rtml/source --import tsx services/features/src/update-features/redis-window.bench.ts
 */
const DAYS = 45;
const MEASURE_DAYS = 8;
const BATCH = 500;

async function main(): Promise<void> {
  const redis = new Redis(process.env['REDIS_URL'] ?? DEFAULT_ENDPOINTS.redisUrl);
  const keyPrefix = `bench-${process.pid}-${Date.now()}:`;
  const plan = compileFeaturePlan(HANDBOOK_15);
  const store = new RedisWindowStore(redis, {
    plan,
    keyPrefix,
    dedupeTtlSeconds: 3_600,
    graceSeconds: SECONDS_PER_DAY,
  });
  const scenario = generateScenario({
    seed: 1,
    transactions: 9_500 * DAYS,
    customers: 5_000,
    terminals: 10_000,
    days: DAYS,
  });
  const all = deliveries(plan, scenario, IN_EVENT_TIME_ORDER);
  const measureFrom = scenario.transactions.length - 9_500 * MEASURE_DAYS;
  const firstMeasured = all.findIndex(
    (w) =>
      w.kind === 'transaction' && w.event.eventId === scenario.transactions[measureFrom]?.eventId,
  );
  try {
    for (const batch of inBatches(all.slice(0, firstMeasured), 2_000))
      await store.apply(batch, NO_EPOCH);
    // First half as delivered (a label per transaction), second half transactions only.
    const measured = all.slice(firstMeasured);
    const half = Math.floor(measured.length / 2);
    const mixed = await run(redis, store, plan, inBatches(measured.slice(0, half), BATCH));
    console.log(JSON.stringify({ workload: 'transactions + labels', batch: BATCH, ...mixed }));
    const transactions = measured.slice(half).filter((w) => w.kind === 'transaction');
    const onlyTx = await run(redis, store, plan, inBatches(transactions, BATCH));
    console.log(JSON.stringify({ workload: 'transactions', batch: BATCH, ...onlyTx }));
  } finally {
    await deleteKeys(redis, keyPrefix);
    await redis.quit();
  }
}

async function run(
  redis: Redis,
  store: RedisWindowStore,
  plan: ReturnType<typeof compileFeaturePlan>,
  batches: WindowWrite[][],
) {
  let redisMs = 0;
  let computeMs = 0;
  let writes = 0;
  let entries = 0;
  const redisCpuBefore = await redisCpuSeconds(redis);
  const clientCpuBefore = process.cpuUsage();
  for (const batch of batches) {
    const started = performance.now();
    const outcomes = await store.apply(batch, NO_EPOCH);
    const applied = performance.now();
    batch.forEach((write, i) => {
      const outcome = outcomes[i];
      if (write.kind !== 'transaction' || outcome?.kind !== 'scored') return;
      vectorOf(plan, write, outcome.entries);
      for (const list of Object.values(outcome.entries)) entries += list.length;
    });
    redisMs += applied - started;
    computeMs += performance.now() - applied;
    writes += batch.length;
  }
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const redisCpuUs = ((await redisCpuSeconds(redis)) - redisCpuBefore) * 1e6;
  const transactions = batches.flat().filter((w) => w.kind === 'transaction').length;
  return {
    writes,
    transactions,
    entriesReadPerTransaction: Math.round(entries / transactions),
    redisAndDecodeMs: Math.round(redisMs),
    computeMs: Math.round(computeMs),
    writesPerSecond: Math.round(writes / ((redisMs + computeMs) / 1000)),
    msPerBatch: Number(((redisMs + computeMs) / batches.length).toFixed(2)),
    redisCpuUsPerWrite: Number((redisCpuUs / writes).toFixed(1)),
    clientCpuUsPerWrite: Number(((clientCpu.user + clientCpu.system) / writes).toFixed(1)),
    writesPerRedisCoreSecond: Math.round(writes / (redisCpuUs / 1e6)),
  };
}

async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 5_000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}

void main();
