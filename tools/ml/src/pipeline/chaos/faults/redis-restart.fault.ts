import type { Fault } from './fault.types';

/**
 * The features state store restarts empty (no persistence: the windows, the dedupe markers and
 * the parked labels are gone). The features service must notice and rebuild before it serves
 * vectors again; the stored vectors are compared with the offline engine's to tell.
 */
export const redisRestartFault: Fault = {
  name: 'redis-restart',
  injects: 'SIGKILL of the (run’s own) Redis and a restart without persistence: every key lost',
  async inject(run) {
    const before = await run.rig.redis.countKeys(run.slice.redisKeyPrefix);
    run.mark(`SIGKILL Redis (${before} keys under ${run.slice.redisKeyPrefix})`);
    await run.rig.redis.restart();
    const after = await run.rig.redis.countKeys(run.slice.redisKeyPrefix);
    run.mark(`Redis answers again, with ${after} keys`);
    run.healed();
  },
};
