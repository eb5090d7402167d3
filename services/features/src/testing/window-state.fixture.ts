import type { Redis } from 'ioredis';

/**
 * Every key of the window state under `prefix`, relative to it, with its contents: a window's
 * members with their scores, a marker's source, a parked label. The epoch and the rebuild lease
 * are left out (they differ between two builds by design); expiries too (wall clock).
 */
export async function windowStateOf(redis: Redis, prefix: string): Promise<Map<string, string>> {
  const state = new Map<string, string>();
  for (const key of await keysUnder(redis, prefix)) {
    if (key.endsWith(':@epoch') || key.endsWith(':@rebuilding')) continue;
    const type = await redis.type(key);
    const value =
      type === 'zset'
        ? JSON.stringify(await redis.zrange(key, '0', '-1', 'WITHSCORES'))
        : type === 'string'
          ? await redis.get(key)
          : `(${type})`;
    state.set(key.slice(prefix.length), value ?? '(gone)');
  }
  return new Map([...state].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Deletes every key under `prefix` (the state loss a FLUSHALL would be, kept to our prefix). */
export async function deleteKeysUnder(redis: Redis, prefix: string): Promise<number> {
  const keys = await keysUnder(redis, prefix);
  if (keys.length > 0) await redis.unlink(...keys);
  return keys.length;
}

async function keysUnder(redis: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1_000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}
