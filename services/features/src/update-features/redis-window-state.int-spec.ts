import { Redis } from 'ioredis';
import { AppError } from '@rtml/errors';
import {
  HANDBOOK_15,
  SECONDS_PER_DAY,
  compileFeaturePlan,
  computeFeatureVector,
  entryAt,
} from '@rtml/feature-engine';
import { useRedis } from '@rtml/testing';
import { FeatureStateKeys } from './feature-state.keys';
import { RedisWindowStore } from './redis-window.store';
import { decodeWindow } from './window-record.codec';
import { NO_EPOCH, StateEpochChanged } from './window-store.model';
import type { ScoredTransaction, TransactionWrite, WindowWrite } from './window-store.model';

const DAY = SECONDS_PER_DAY;
const T0 = Date.UTC(2018, 3, 2) / 1000;
const plan = compileFeaturePlan(HANDBOOK_15);

const transaction = (id: string, customerId: string, terminalId: string, time: number) =>
  ({
    kind: 'transaction',
    event: { eventId: id, time, seq: time, amount: 10, entities: { customerId, terminalId } },
    source: `transactions:0:${id}`,
  }) satisfies TransactionWrite;

const label = (transactionId: string, time: number, terminalId: string, fraud: 0 | 1) =>
  ({
    kind: 'label',
    label: { transactionId, transactionTime: time, fraud, entities: { terminalId } },
  }) satisfies WindowWrite;

const feature = (write: TransactionWrite, outcome: unknown, name: string): number => {
  const vector = computeFeatureVector(plan, write.event, (outcome as ScoredTransaction).entries);
  return vector[plan.featureNames.indexOf(name)] as number;
};

describe('the Redis window state', () => {
  const { redis, prefix } = useRedis();
  let stores = 0;
  const freshStore = (graceSeconds: number, clock?: () => number) => {
    const keyPrefix = `${prefix}state-${++stores}:`;
    const options = { plan, keyPrefix, dedupeTtlSeconds: 40 * DAY, graceSeconds, clock };
    return {
      store: new RedisWindowStore(redis, options),
      keys: new FeatureStateKeys(keyPrefix, HANDBOOK_15),
    };
  };
  /** Every record a window holds (retained or not), fraud-marked from its fraud set. */
  const members = async (key: string, frauds = `${key}:none`) => {
    const window = (await redis.getBuffer(key)) ?? undefined;
    const fraudReply = await redis.zrangebyscoreBuffer(frauds, '-inf', '+inf', 'WITHSCORES');
    const packed = decodeWindow(window, { after: -Infinity, upto: Infinity, frauds: fraudReply });
    return Array.from({ length: packed.length }, (_, i) => entryAt(packed, i));
  };

  it('keeps a label that arrives before its transaction and applies it when the transaction comes', async () => {
    const { store, keys } = freshStore(DAY);
    const a = transaction('a', 'c1', 't1', T0);
    const b = transaction('b', 'c2', 't1', T0 + 60);
    const later = transaction('z', 'c3', 't1', T0 + 8 * DAY);

    const [early] = await store.apply([label('a', T0, 't1', 1)], NO_EPOCH);
    await store.apply([a, b], NO_EPOCH);
    const terminal = await members(
      keys.entity('terminalId', 't1'),
      keys.frauds('terminalId', 't1'),
    );
    const fraudSet = await redis.zrange(keys.frauds('terminalId', 't1'), 0, '-1', 'WITHSCORES');
    const [scored] = await store.apply([later], NO_EPOCH);
    const [again] = await store.apply([label('a', T0, 't1', 1)], NO_EPOCH);

    expect(early).toEqual({ kind: 'label', status: 'pending', late: false });
    expect(terminal.map((e) => e.fraud)).toEqual([1, null]);
    expect(fraudSet).toEqual(['a', String(T0)]);
    expect((await members(keys.entity('customerId', 'c1')))[0]?.fraud).toBeNull();
    expect(feature(later, scored, 'TERMINAL_ID_NB_TX_7DAY_WINDOW')).toBe(2);
    expect(feature(later, scored, 'TERMINAL_ID_RISK_7DAY_WINDOW')).toBe(0.5);
    expect(again).toEqual({ kind: 'label', status: 'applied', late: true });
  });

  it('applies a label after its transaction, and calls it late once a delayed window has counted it', async () => {
    const { store } = freshStore(DAY);
    const a = transaction('a', 'c1', 't1', T0);
    await store.apply([a, transaction('b', 'c2', 't1', T0 + DAY)], NO_EPOCH);

    const [timely] = await store.apply([label('a', T0, 't1', 1)], NO_EPOCH);
    await store.apply([transaction('c', 'c2', 't1', T0 + 7 * DAY)], NO_EPOCH);
    const [late] = await store.apply([label('a', T0, 't1', 0)], NO_EPOCH);

    expect(timely).toEqual({ kind: 'label', status: 'applied', late: false });
    expect(late).toEqual({ kind: 'label', status: 'applied', late: true });
  });

  it('compacts a window once its first record is a quarter horizon past horizon plus grace, dropping what is past retention, and gives keys wall-clock expiries', async () => {
    const grace = 3_600;
    const { store, keys } = freshStore(grace);
    const at = (id: string, time: number) => transaction(id, 'c1', 't1', time);
    const customerKey = keys.entity('customerId', 'c1');
    const terminalKey = keys.entity('terminalId', 't1');
    const d = at('d', T0 + 1 + 37.5 * DAY + grace);

    // c puts a exactly on the customer's retention cutoff (T0 + 1): past retention, but a window
    // is compacted only once its first record is a quarter horizon (7.5 days) older than that.
    await store.apply(
      [at('a', T0 + 1), at('b', T0 + 2), at('c', T0 + 1 + 30 * DAY + grace)],
      NO_EPOCH,
    );
    const customerAfterC = await members(customerKey);
    // d puts a exactly a quarter horizon past the customer's cutoff (T0 + 1 + 7.5 days): a and b
    // go, c stays; the terminal (37 days) is not due.
    await store.apply([d], NO_EPOCH);
    const [unmatched] = await store.apply([label('a', T0 + 1, 't1', 1)], NO_EPOCH);

    expect(customerAfterC.map((e) => e.eventId)).toEqual(['a', 'b', 'c']);
    expect((await members(customerKey)).map((e) => e.eventId)).toEqual(['c', 'd']);
    expect((await members(terminalKey)).map((e) => e.eventId)).toEqual(['a', 'b', 'c', 'd']);
    expect(unmatched).toEqual({ kind: 'label', status: 'unmatched', late: true });
    expect(await redis.exists(keys.frauds('terminalId', 't1'))).toBe(0);
    const customerTtl = await redis.ttl(customerKey);
    expect(customerTtl).toBeGreaterThan(30 * DAY + grace);
    expect(customerTtl).toBeLessThanOrEqual(31 * DAY + grace);
    expect(await redis.ttl(terminalKey)).toBeGreaterThan(37 * DAY + grace);
    expect(await redis.ttl(keys.seen('d'))).toBeGreaterThan(40 * DAY - 60);
    expect(await redis.get(keys.seen('d'))).toBe(`${d.event.time}|transactions:0:d`);
  });

  it("pushes a window's expiry back when it is written an hour or more after the last time, not on every write", async () => {
    let wallMs = Date.UTC(2026, 0, 1);
    const { store, keys } = freshStore(DAY, () => wallMs);
    const customerKey = keys.entity('customerId', 'c1');
    await store.apply([transaction('a', 'c1', 't1', T0)], NO_EPOCH);
    await redis.expire(customerKey, 1_000);

    wallMs += 59 * 60_000;
    await store.apply([transaction('b', 'c1', 't1', T0 + 60)], NO_EPOCH);
    const withinTheHour = await redis.ttl(customerKey);
    wallMs += 60_000;
    await store.apply([transaction('c', 'c1', 't1', T0 + 120)], NO_EPOCH);

    expect(withinTheHour).toBeLessThanOrEqual(1_000);
    expect(await redis.ttl(customerKey)).toBeGreaterThan(30 * DAY + DAY);
    expect((await members(customerKey)).map((e) => e.eventId)).toEqual(['a', 'b', 'c']);
  });

  it('keeps a fraud label for a transaction inside retention, counts it in later risk windows, and drops it with a not-fraud label', async () => {
    const { store, keys } = freshStore(DAY);
    await store.apply([transaction('a', 'c1', 't1', T0)], NO_EPOCH);
    const fraudKey = keys.frauds('terminalId', 't1');

    const [fraud] = await store.apply([label('a', T0, 't1', 1)], NO_EPOCH);
    const held = await redis.zrange(fraudKey, 0, '-1');
    const later = transaction('b', 'c2', 't1', T0 + 7 * DAY + 3_600);
    const [scored] = await store.apply([later], NO_EPOCH);
    const [wrongTime] = await store.apply([label('a', T0 + 5, 't1', 0)], NO_EPOCH);
    const stillHeld = await redis.zrange(fraudKey, 0, '-1');
    const [cleared] = await store.apply([label('a', T0, 't1', 0)], NO_EPOCH);

    expect(fraud).toEqual({ kind: 'label', status: 'applied', late: false });
    expect(held).toEqual(['a']);
    expect(feature(later, scored, 'TERMINAL_ID_RISK_1DAY_WINDOW')).toBe(1);
    expect(wrongTime).toEqual({ kind: 'label', status: 'unmatched', late: true });
    expect(stillHeld).toEqual(['a']);
    expect(cleared).toEqual({ kind: 'label', status: 'applied', late: true });
    expect(await redis.exists(fraudKey)).toBe(0);
  });

  it('flags an event more than the grace behind its entity as late, and one within it as not', async () => {
    const grace = 3_600;
    const { store } = freshStore(grace);
    const latest = T0 + 10 * DAY;
    await store.apply([transaction('a', 'c1', 't1', latest)], NO_EPOCH);

    const [within, beyond] = await store.apply(
      [
        transaction('b', 'c1', 't2', latest - grace),
        transaction('c', 'c2', 't1', latest - grace - 1),
      ],
      NO_EPOCH,
    );

    expect(within).toMatchObject({ kind: 'scored', late: false });
    expect(beyond).toMatchObject({ kind: 'scored', late: true });
  });

  it('writes the same without reading the windows back (a rebuild), and returns no entries', async () => {
    const { store, keys } = freshStore(DAY);
    await store.apply([transaction('a', 'c1', 't1', T0)], NO_EPOCH);

    const [quiet] = await store.apply([transaction('b', 'c1', 't1', T0 + 60)], NO_EPOCH, {
      readBack: false,
    });
    const [read] = await store.apply([transaction('c', 'c1', 't1', T0 + 120)], NO_EPOCH);

    expect(quiet).toMatchObject({ kind: 'scored', redelivered: false, late: false });
    const quietEntries = (quiet as ScoredTransaction).entries;
    expect(Object.keys(quietEntries).sort()).toEqual(['customerId', 'terminalId']);
    expect(Object.values(quietEntries).map((entries) => entries.length)).toEqual([0, 0]);
    expect((await members(keys.entity('customerId', 'c1'))).map((e) => e.eventId)).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(
      feature(transaction('c', 'c1', 't1', T0 + 120), read, 'CUSTOMER_ID_NB_TX_1DAY_WINDOW'),
    ).toBe(3);
  });

  it('refuses to write or read once the state has another epoch than the batch ran against', async () => {
    const { store, keys } = freshStore(DAY);
    await redis.hset(keys.epoch(), 'id', 'e-2');

    const failure = await store
      .apply([transaction('a', 'c1', 't1', T0), label('a', T0, 't1', 1)], 'e-1')
      .catch((error: unknown) => error);
    const missing = await store
      .apply([transaction('b', 'c1', 't1', T0)], NO_EPOCH)
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(StateEpochChanged);
    expect(failure).toMatchObject({ expected: 'e-1', found: 'e-2', retriable: true });
    expect(missing).toMatchObject({ expected: '', found: 'e-2' });
    expect(await redis.exists(keys.seen('a'), keys.entity('customerId', 'c1'))).toBe(0);
    expect(await store.apply([transaction('a', 'c1', 't1', T0)], 'e-2')).toMatchObject([
      { kind: 'scored', redelivered: false },
    ]);
  });

  it('loads its script again when Redis has lost it (a restart, SCRIPT FLUSH) and applies the batch', async () => {
    const { store } = freshStore(DAY);
    await store.apply([transaction('a', 'c1', 't1', T0)], NO_EPOCH);
    await redis.script('FLUSH');

    const outcomes = await store.apply(
      [transaction('b', 'c1', 't1', T0 + 60), label('a', T0, 't1', 1)],
      NO_EPOCH,
    );

    expect(outcomes).toEqual([
      expect.objectContaining({ kind: 'scored', redelivered: false }),
      { kind: 'label', status: 'applied', late: false },
    ]);
    expect(
      feature(transaction('b', 'c1', 't1', T0 + 60), outcomes[0], 'CUSTOMER_ID_NB_TX_1DAY_WINDOW'),
    ).toBe(2);
  });

  it('fails with a retriable DEPENDENCY_UNAVAILABLE error when Redis does not answer', async () => {
    const absent = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    const store = new RedisWindowStore(absent, {
      plan,
      keyPrefix: `${prefix}absent:`,
      dedupeTtlSeconds: DAY,
      graceSeconds: 0,
    });

    const failure = await store
      .apply([transaction('a', 'c1', 't1', T0)], NO_EPOCH)
      .catch((e: unknown) => e);
    absent.disconnect();

    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', retriable: true });
  });
});
