import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { DEFAULT_ENDPOINTS } from '@rtml/config';
import { HANDBOOK_15, SECONDS_PER_DAY, compileFeaturePlan } from '@rtml/feature-engine';
import { RedisWindowStore } from '../update-features/redis-window.store';
import { redisCpuSeconds } from './redis-cpu';
import { NO_EPOCH } from '../update-features/window-store.model';
import {
  IN_EVENT_TIME_ORDER,
  deliveries,
  inBatches,
  vectorOf,
} from '../update-features/window-deliveries.fixture';
import { generateScenario } from '../update-features/window-events.fixture';

/**
 * The Redis ceiling of `npm run bench`: transactions per second through the features service's
 * window store alone (one Lua call per record, one pipeline per batch of 500, vectors computed
 * from the replies), on fresh state shaped like the bench's simulated data: `--events`
 * transactions of a population sized as `npm run bench` sizes it, over 20 days, with labels.
 * Prints one JSON line: {"events","seconds","eventsPerSecond","records","recordsPerRedisCoreSecond",
 * "clientCpuUs","serverCpuUs"} (over the timed part, µs: this process's CPU, the store's client side
 * and the vectors; the Redis server's)
 * where records counts transactions and labels, and the last figure divides them by the Redis
 * server's CPU time over the run (the window store's own ceiling on one Redis core, whatever the
 * client costs). Deletes its keys.
 *
 *   node --conditions=@rtml/source --import tsx services/features/src/bench/redis-window.ceiling.ts --events 50000
 */
const BATCH = 500;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { events: { type: 'string', default: '50000' } } });
  const events = Number(values.events);
  const customers = Math.max(10, Math.ceil((events / (30 * 1.9)) * 1.5));
  const redis = new Redis(process.env['REDIS_URL'] ?? DEFAULT_ENDPOINTS.redisUrl);
  const keyPrefix = `bench-ceiling-${process.pid}-${Date.now()}:`;
  const plan = compileFeaturePlan(HANDBOOK_15);
  const store = new RedisWindowStore(redis, {
    plan,
    keyPrefix,
    dedupeTtlSeconds: 3_600,
    graceSeconds: SECONDS_PER_DAY,
  });
  const scenario = generateScenario({
    seed: 3,
    transactions: events,
    customers,
    terminals: customers * 2,
    days: 20,
  });
  const batches = inBatches(deliveries(plan, scenario, IN_EVENT_TIME_ORDER), BATCH);
  try {
    const cpuBefore = await redisCpuSeconds(redis);
    const clientBefore = process.cpuUsage();
    const started = performance.now();
    for (const batch of batches) {
      const outcomes = await store.apply(batch, NO_EPOCH);
      batch.forEach((write, i) => {
        const outcome = outcomes[i];
        if (write.kind === 'transaction' && outcome?.kind === 'scored')
          vectorOf(plan, write, outcome.entries);
      });
    }
    const seconds = (performance.now() - started) / 1000;
    const client = process.cpuUsage(clientBefore);
    const redisSeconds = (await redisCpuSeconds(redis)) - cpuBefore;
    const records = batches.reduce((sum, batch) => sum + batch.length, 0);
    const result = {
      events,
      seconds,
      eventsPerSecond: Math.round(events / seconds),
      records,
      recordsPerRedisCoreSecond: Math.round(records / redisSeconds),
      clientCpuUs: client.user + client.system,
      serverCpuUs: Math.round(redisSeconds * 1e6),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 5_000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
    await redis.quit();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
