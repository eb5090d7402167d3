import type { Redis } from 'ioredis';
import { dependencyUnavailable } from '@rtml/errors';
import { z } from 'zod';
import type { FeatureStateKeys } from '../update-features/feature-state.keys';
import type { StateEpoch, StateEpochStore } from './state-epoch.model';

/** KEYS: epoch, lease. ARGV: owner, then the epoch's field/value pairs. */
const PUBLISH = `
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
redis.call('DEL', KEYS[2])
return 1
`;
/** KEYS: lease. ARGV: owner, lease ms. */
const RENEW = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('PEXPIRE', KEYS[1], ARGV[2])
`;
/** KEYS: lease. ARGV: owner. */
const RELEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('DEL', KEYS[1])
`;

const epochSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(['initialised', 'rebuilt']),
  builtAt: z.string(),
  covers: z.string().transform((text, context) => {
    try {
      return z.record(z.string(), z.string()).parse(JSON.parse(text));
    } catch {
      context.addIssue({ code: 'custom', message: 'not a JSON map of offsets' });
      return z.NEVER;
    }
  }),
  records: z.coerce.number().int().min(0),
});

/**
 * The state epoch as a Redis hash (`@epoch`, no expiry) and the rebuild lease as a string with a
 * PX expiry (`@rebuilding`, holding its owner). The lease only keeps replicas from all rebuilding
 * at once; correctness does not rest on it: the build writes only while no epoch exists, every
 * write is idempotent, and publishing is a compare-and-set on the lease.
 */
export class RedisStateEpochStore implements StateEpochStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: FeatureStateKeys,
  ) {}

  /** An epoch that does not parse is treated as none: the next build replaces it. */
  async current(): Promise<StateEpoch | undefined> {
    const fields = await this.call(() => this.redis.hgetall(this.keys.epoch()));
    const parsed = epochSchema.safeParse(fields);
    return parsed.success ? parsed.data : undefined;
  }

  async currentId(): Promise<string> {
    return (await this.call(() => this.redis.hget(this.keys.epoch(), 'id'))) ?? '';
  }

  async acquire(owner: string, leaseMs: number): Promise<boolean> {
    const key = this.keys.rebuildLease();
    return (await this.call(() => this.redis.set(key, owner, 'PX', leaseMs, 'NX'))) === 'OK';
  }

  async renew(owner: string, leaseMs: number): Promise<boolean> {
    const key = this.keys.rebuildLease();
    return (await this.call(() => this.redis.eval(RENEW, 1, key, owner, leaseMs))) === 1;
  }

  async publish(owner: string, epoch: StateEpoch): Promise<boolean> {
    const fields = {
      id: epoch.id,
      kind: epoch.kind,
      builtAt: epoch.builtAt,
      covers: JSON.stringify(epoch.covers),
      records: String(epoch.records),
    };
    const keys = [this.keys.epoch(), this.keys.rebuildLease()];
    const done = await this.call(() =>
      this.redis.eval(PUBLISH, 2, ...keys, owner, ...Object.entries(fields).flat()),
    );
    return done === 1;
  }

  async release(owner: string): Promise<void> {
    await this.call(() => this.redis.eval(RELEASE, 1, this.keys.rebuildLease(), owner));
  }

  private async call<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      throw dependencyUnavailable('redis is unavailable for the state epoch', error);
    }
  }
}
