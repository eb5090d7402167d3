import type { Redis } from 'ioredis';
import type { FeaturePlan } from '@rtml/feature-engine';
import { decodeWindow } from '../update-features/window-record.codec';

/** What the state keeps: an entity's records newer than its newest − horizon − grace. */
export interface StateRetention {
  readonly plan: FeaturePlan;
  readonly graceSeconds: number;
}

/**
 * Every key of the window state under `prefix`, relative to it, with its contents in a canonical
 * form: a window's records that are still retained (see StateRetention), decoded and in
 * canonical order; a fraud set's retained members with their times; a marker's value. Two states
 * that hold the same retained records compare equal whatever order the records arrived in and
 * whenever each window was last compacted. The epoch and the rebuild lease are left out (they
 * differ between two builds by design); expiries too (wall clock).
 */
export async function windowStateOf(
  redis: Redis,
  prefix: string,
  retention: StateRetention,
): Promise<Map<string, string>> {
  const state = new Map<string, string>();
  for (const key of await keysUnder(redis, prefix)) {
    if (key.endsWith(':@epoch') || key.endsWith(':@rebuilding')) continue;
    const type = await redis.type(key);
    const value =
      type === 'zset'
        ? await fraudSetOf(redis, key, retention)
        : type === 'string'
          ? await stringOf(redis, key, retention)
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

/** `…:w2:{field}:{key}` is a window, `…:w2:@fraud:{field}:{key}` its fraud set. */
const LAYOUT = ':w2:';

async function stringOf(
  redis: Redis,
  key: string,
  retention: StateRetention,
): Promise<string | null> {
  const rest = key.slice(key.indexOf(LAYOUT) + LAYOUT.length);
  if (rest.startsWith('@')) return redis.get(key);
  const window = await redis.getBuffer(key);
  if (window === null) return null;
  const packed = decodeWindow(window, {
    after: window.readDoubleBE(0) - retainedSeconds(rest, retention),
    upto: Infinity,
    frauds: [],
  });
  const records = Array.from({ length: packed.length }, (_, i) => [
    ...Array.from(packed.fields).slice(i * 4, i * 4 + 3),
    packed.eventIds[i],
  ]);
  return JSON.stringify(records);
}

async function fraudSetOf(redis: Redis, key: string, retention: StateRetention): Promise<string> {
  const fraudAt = key.indexOf(`${LAYOUT}@fraud:`);
  const rest = key.slice(fraudAt + LAYOUT.length + '@fraud:'.length);
  const window = await redis.getrangeBuffer(`${key.slice(0, fraudAt)}${LAYOUT}${rest}`, 0, 7);
  const after =
    window.length >= 8 ? window.readDoubleBE(0) - retainedSeconds(rest, retention) : -Infinity;
  const members = await redis.zrangebyscore(key, `(${after}`, '+inf', 'WITHSCORES');
  return JSON.stringify(members);
}

function retainedSeconds(entity: string, { plan, graceSeconds }: StateRetention): number {
  const field = entity.slice(0, entity.indexOf(':'));
  const requirement = plan.stateRequirements.find((r) => r.entity === field);
  if (requirement === undefined) throw new Error(`no state requirement for "${field}"`);
  return requirement.horizonSeconds + graceSeconds;
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
