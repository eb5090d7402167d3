import { Redis } from 'ioredis';
import { testEndpoints } from './test-endpoints';
import { uniqueId } from './unique-id';

export interface RedisTestContext {
  readonly redis: Redis;
  /** Every key of the suite starts with it (e.g. `t-k3v9x2:`); all are deleted afterwards. */
  readonly prefix: string;
}

/** An isolated key space on the real Redis for the calling `describe`, cleaned up afterwards. */
export function useRedis(): RedisTestContext {
  const prefix = `${uniqueId()}:`;
  const redis = new Redis(testEndpoints().redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });

  beforeAll(() => redis.connect());
  afterAll(async () => {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
    await redis.quit();
  });

  return { redis, prefix };
}
