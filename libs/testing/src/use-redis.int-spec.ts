import { useRedis } from './use-redis';

describe('the Redis of the test stack', () => {
  const { redis, prefix } = useRedis();

  it('runs a Lua script atomically over keys of the suite prefix', async () => {
    const script = `
      local added = redis.call('SADD', KEYS[1], ARGV[1])
      if added == 1 then redis.call('INCRBYFLOAT', KEYS[2], ARGV[2]) end
      return {added, redis.call('GET', KEYS[2])}`;
    const keys = [`${prefix}seen`, `${prefix}sum`];

    const first = await redis.eval(script, 2, ...keys, 'event-1', '12.5');
    const replay = await redis.eval(script, 2, ...keys, 'event-1', '12.5');
    const second = await redis.eval(script, 2, ...keys, 'event-2', '7.5');

    expect([first, replay, second]).toEqual([
      [1, '12.5'],
      [0, '12.5'],
      [1, '20'],
    ]);
  });
});
