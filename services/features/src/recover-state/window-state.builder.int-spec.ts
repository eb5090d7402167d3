import { HEADERS, topicName, valueSubject } from '@rtml/contracts';
import type { Label, Transaction } from '@rtml/contracts';
import { HANDBOOK_15, SECONDS_PER_DAY, compileFeaturePlan } from '@rtml/feature-engine';
import {
  AvroSerde,
  ConsumedHistoryReader,
  KafkaRecordPublisher,
  TopicAdmin,
  contractTopicSpecs,
  provisionContracts,
} from '@rtml/kafka';
import type { IncomingRecord, OutgoingRecord } from '@rtml/kafka';
import { TopicReader } from '@rtml/kafka/testing';
import { eventually, useKafka, useRedis } from '@rtml/testing';
import { windowStateOf } from '../testing/window-state.fixture';
import { FeatureRecordParser } from '../update-features/feature-record.parser';
import { RedisWindowStore } from '../update-features/redis-window.store';
import { generateScenario } from '../update-features/window-events.fixture';
import { NO_EPOCH } from '../update-features/window-store.model';
import type { WindowStore, WindowWrite } from '../update-features/window-store.model';
import { WindowStateBuilder } from './window-state.builder';

const plan = compileFeaturePlan(HANDBOOK_15);
const DAY_MS = SECONDS_PER_DAY * 1000;

describe('rebuilding the window state from the retained topics', () => {
  const kafka = useKafka();
  const redis = useRedis();
  const prefix = kafka.prefix.slice(0, -1);
  const topics = {
    transactions: topicName('transactions', prefix),
    labels: topicName('labels', prefix),
  };
  const groupId = kafka.groupId('rtml.features');
  const serde = new AvroSerde(kafka.schemaRegistryUrl);
  const publisher = new KafkaRecordPublisher(kafka.kafka);
  const parser = new FeatureRecordParser(serde, {
    transactionsTopic: topics.transactions,
    labelsTopic: topics.labels,
    entityFields: plan.stateRequirements.map((r) => r.entity),
    labelEntityFields: plan.stateRequirements.filter((r) => r.needsLabels).map((r) => r.entity),
  });
  const retention = { plan, graceSeconds: 3_600 };
  let stores = 0;
  const freshStore = () => {
    const keyPrefix = `${redis.prefix}s${++stores}:`;
    const options = {
      plan,
      keyPrefix,
      dedupeTtlSeconds: 60 * SECONDS_PER_DAY,
      graceSeconds: retention.graceSeconds,
    };
    return { keyPrefix, store: new RedisWindowStore(redis.redis, options) };
  };
  const builderOver = (store: WindowStore) =>
    new WindowStateBuilder({
      history: new ConsumedHistoryReader(kafka.kafka, {
        groupId,
        topics: [topics.transactions, topics.labels],
      }),
      parser,
      store,
      chunkSize: 40,
    });
  const build = (store: WindowStore) => builderOver(store).build(new AbortController().signal);

  const avro = async (id: 'transactions' | 'labels', value: Transaction | Label) => ({
    topic: topics[id],
    key: value.customerId,
    value: await serde.encode(valueSubject(id, prefix), value),
    headers: { [HEADERS.eventId]: value.eventId },
  });
  /** Sends records in one Kafka transaction, committed or aborted (control records, aborted data). */
  const inTransaction = async (records: readonly OutgoingRecord[], outcome: 'commit' | 'abort') => {
    const producer = kafka.kafka.producer({
      transactionalId: `${prefix}.test-writer`,
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    const transaction = await producer.transaction();
    for (const { topic, key, value, headers } of records)
      await transaction.send({ topic, messages: [{ key, value, headers: { ...headers } }] });
    await (outcome === 'commit' ? transaction.commit() : transaction.abort());
    await producer.disconnect();
  };

  /** The group's committed offsets now: the (last stable) end of every partition of both topics. */
  const commitEverything = async () => {
    const admin = kafka.kafka.admin();
    await admin.connect();
    const covers: Record<string, string> = {};
    for (const topic of Object.values(topics)) {
      const ends = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({
        groupId,
        topic,
        partitions: ends.map(({ partition, high }) => ({ partition, offset: high })),
      });
      for (const { partition, high } of ends) covers[`${topic}:${partition}`] = high;
    }
    await admin.disconnect();
    return covers;
  };

  /** The first `count` committed records, as a read_committed consumer sees them. */
  const readBack = async (count: number): Promise<IncomingRecord[]> => {
    const records: IncomingRecord[] = [];
    const reader = new TopicReader(kafka.kafka, {
      groupId: kafka.groupId('reader'),
      topics: Object.values(topics),
    });
    await reader.start((batch) => void records.push(...batch.records));
    await eventually(() => expect(records.length).toBeGreaterThanOrEqual(count), {
      timeoutMs: 30_000,
    });
    await reader.stop();
    return records;
  };

  const scenario = generateScenario({
    seed: 5,
    transactions: 240,
    customers: 10,
    terminals: 4,
    days: 50, // longer than every horizon + grace: old entries are pruned
    startMillis: Date.UTC(2018, 3, 1),
  });
  const cut = Date.UTC(2018, 3, 1) + 44 * DAY_MS;
  const consumed = {
    transactions: scenario.transactions.filter((tx) => tx.eventTime < cut),
    labels: scenario.labels.filter((label) => label.eventTime < cut),
  };
  const aborted = scenario.transactions
    .slice(0, 5)
    .map((tx) => ({ ...tx, eventId: `ab-${tx.eventId}` }));
  let covers: Record<string, string> = {};
  let reference = new Map<string, string>();

  beforeAll(async () => {
    const admin = new TopicAdmin(kafka.kafka);
    kafka.adoptTopics(contractTopicSpecs(prefix).map((spec) => spec.name));
    await provisionContracts(admin, serde, prefix);
    await admin.disconnect();
    const [head, tail] = [consumed.transactions.slice(0, 200), consumed.transactions.slice(200)];
    await publisher.publish(await Promise.all(head.map((tx) => avro('transactions', tx))));
    await inTransaction(await Promise.all(aborted.map((tx) => avro('transactions', tx))), 'abort');
    await inTransaction(await Promise.all(tail.map((tx) => avro('transactions', tx))), 'commit');
    await publisher.publish([
      ...(await Promise.all(consumed.labels.map((label) => avro('labels', label)))),
      { topic: topics.transactions, key: 'x', value: Buffer.from('not avro') },
    ]);
    // Read back before committing: a transaction's commit returns before its markers are on the
    // partitions, and until then the end offsets the admin reads (the last stable offset) stop
    // short of the transaction's records. A read_committed reader that has seen them all has seen
    // the markers written, so the ends committed next are past them.
    const records = await readBack(consumed.transactions.length + consumed.labels.length + 1);
    covers = await commitEverything();
    // Consumed by the live stage in (time) order; applied here in the opposite order (labels
    // first, newest transactions first), the state it left.
    const parsed = await Promise.all(records.map((record) => parser.parse(record)));
    const writes = parsed.flatMap((p) => (p.kind === 'poison' ? [] : [p.write]));
    const byTime = (w: WindowWrite) => (w.kind === 'transaction' ? w.event.time : -1);
    const live = freshStore();
    const reversed = [...writes].sort((a, b) => byTime(b) - byTime(a));
    for (let at = 0; at < reversed.length; at += 25)
      await live.store.apply(reversed.slice(at, at + 25), NO_EPOCH);
    reference = await windowStateOf(redis.redis, live.keyPrefix, retention);
    // Records past the committed offsets: the live stage's, not the rebuild's.
    const after = scenario.transactions.filter((tx) => tx.eventTime >= cut);
    await publisher.publish(await Promise.all(after.map((tx) => avro('transactions', tx))));
  }, 120_000);
  afterAll(() => publisher.disconnect());

  it('restores windows, labels and dedupe markers as the live stage left them, up to the committed offsets and no further', async () => {
    const { keyPrefix, store } = freshStore();

    const built = await build(store);

    expect(built).toEqual({
      kind: 'rebuilt',
      covers,
      records: consumed.transactions.length + consumed.labels.length,
    });
    expect(reference.size).toBeGreaterThan(consumed.transactions.length);
    expect([...reference.keys()].some((key) => key.includes('@seen:ab-'))).toBe(false);
    expect(await windowStateOf(redis.redis, keyPrefix, retention)).toEqual(reference);
  }, 120_000);

  it('finishes a build that stopped half-way when run again over what it left', async () => {
    const { keyPrefix, store } = freshStore();
    let chunks = 0;
    const crashing: WindowStore = {
      apply: async (writes, epoch, options) => {
        if (++chunks > 3) throw new Error('the process died mid-build');
        return store.apply(writes, epoch, options);
      },
    };

    const first = await build(crashing).catch((error: unknown) => error);
    const partial = await windowStateOf(redis.redis, keyPrefix, retention);
    await build(store);

    expect(first).toEqual(new Error('the process died mid-build'));
    expect(partial.size).toBeGreaterThan(0);
    expect(partial.size).toBeLessThan(reference.size);
    expect(await windowStateOf(redis.redis, keyPrefix, retention)).toEqual(reference);
  }, 120_000);

  it('leaves markers that recognise a redelivery and a producer duplicate of a rebuilt record', async () => {
    const { store } = freshStore();
    await build(store);
    const first = consumed.transactions[0] as Transaction;
    const [record] = (
      await readBack(scenario.transactions.length + consumed.labels.length + 1)
    ).filter((r) => r.headers[HEADERS.eventId] === first.eventId);
    const parsed = await parser.parse(record as IncomingRecord);
    if (parsed.kind !== 'transaction') throw new Error('not a transaction');

    const [redelivery, duplicate] = await store.apply(
      [parsed.write, { ...parsed.write, source: `${topics.transactions}:0:999999` }],
      NO_EPOCH,
    );

    expect(redelivery).toMatchObject({ kind: 'scored', redelivered: true });
    expect(duplicate).toEqual({ kind: 'duplicate', firstSource: parsed.write.source });
  }, 120_000);

  it('has nothing to build, and says so, for a group that has consumed nothing', async () => {
    const { keyPrefix, store } = freshStore();
    const fresh = new WindowStateBuilder({
      history: new ConsumedHistoryReader(kafka.kafka, {
        groupId: kafka.groupId('never-consumed'),
        topics: Object.values(topics),
      }),
      parser,
      store,
    });

    const built = await fresh.build(new AbortController().signal);

    expect(built.kind).toBe('initialised');
    expect(built.records).toBe(0);
    expect(Object.values(built.covers).every((offset) => offset === '0')).toBe(true);
    expect((await windowStateOf(redis.redis, keyPrefix, retention)).size).toBe(0);
  });
});
