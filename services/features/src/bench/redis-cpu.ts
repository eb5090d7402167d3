import type { Redis } from 'ioredis';

/**
 * The Redis server's CPU time so far (user + system seconds), from INFO cpu. It counts every
 * client's work, so a measurement is the window store's only on a Redis nothing else is using.
 */
export async function redisCpuSeconds(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1]);
  return field('used_cpu_user') + field('used_cpu_sys');
}
