import type { RedisOptions } from 'ioredis';

/**
 * The services' ioredis settings. ioredis sets no command timeout, so a Redis that accepts and
 * never answers (frozen, partitioned) would hang a batch forever: each command fails after
 * `commandTimeout` instead, and a connection attempt after `connectTimeout` (its default is
 * 10 s). Redis answers in well under a millisecond; a whole batch's pipeline in tens. While Redis
 * is away, a command waits for `maxRetriesPerRequest` reconnect attempts, then fails; all these
 * failures are retriable errors for the caller's backoff.
 */
export const REDIS_CLIENT_OPTIONS: RedisOptions = {
  maxRetriesPerRequest: 3,
  enableAutoPipelining: false,
  connectTimeout: 2_000,
  commandTimeout: 5_000,
};
