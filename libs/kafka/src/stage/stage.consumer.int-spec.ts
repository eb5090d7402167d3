import { AppError } from '@rtml/errors';
import { createLogger } from '@rtml/observability';
import { Kafka, logLevel } from 'kafkajs';
import { eventually, testEndpoints, useKafka } from '@rtml/testing';
import { DeadLetterWriter } from '../dead-letter.writer';
import { KafkaRecordPublisher } from '../record-publisher';
import type { IncomingRecord } from '../record.types';
import { TopicReader } from '../testing';
import { StageConsumer } from './stage.consumer';
import type { StageDefinition } from './stage.definition';
import { ExactlyOnceDelivery } from './stage.delivery';
import type { ProcessingGuarantee } from './stage.delivery';
import { StageRunner } from './stage.runner';
import { transactionalWritersOn } from '../platformatic-transactional.writer';
import { KAFKA_CLIENTS } from '../kafka-client';
import type { KafkaClientName } from '../kafka-client';
import { groupConsumersOn } from '../platformatic-group.consumer';
import type { GroupConsumers } from './group-consumer';
import { KafkaJsCommittedOffsets } from './kafkajs-group.consumer';
import type { TransactionalWriters } from './transactional-writer';

const logger = createLogger({
  service: 'test',
  level: process.env['RTML_TEST_LOG_LEVEL'] === 'debug' ? 'debug' : 'fatal',
});
/** Values here are plain text: these tests are about delivery, not Avro. */
const text = {
  encode: (_subject: string, value: unknown) => Promise.resolve(Buffer.from(String(value))),
};

describe('StageConsumer against the real broker', () => {
  const kafka = useKafka();
  const publisher = new KafkaRecordPublisher(kafka.kafka);
  const running: { stop(): Promise<void> }[] = [];
  const platformatic = () => ({
    brokers: testEndpoints().kafkaBrokers,
    clientId: `${kafka.prefix}platformatic`,
  });
  /** Exactly-once's transactional writers on each client. */
  const writersOn = (client: KafkaClientName): TransactionalWriters =>
    transactionalWritersOn(client, kafka.kafka, platformatic());
  /** The group consumers on each client. */
  const consumersOn = (client: KafkaClientName): GroupConsumers =>
    groupConsumersOn(client, kafka.kafka, platformatic());
  /** An exactly-once delivery outside a stage consumer, its committed offsets read by KafkaJS. */
  const exactlyOnce = (groupId: string, writers: TransactionalWriters) => {
    const offsets = new KafkaJsCommittedOffsets(kafka.kafka, groupId);
    const delivery = new ExactlyOnceDelivery({
      groupId,
      writers,
      committedOffset: (topic, partition) => offsets.read(topic, partition),
    });
    running.push({ stop: () => delivery.close().finally(() => offsets.close()) });
    return delivery;
  };

  afterAll(async () => {
    await Promise.all(running.map((item) => item.stop().catch(() => undefined)));
    await publisher.disconnect();
  });

  /** Copies every input value to `output`, through `hook` first. */
  const copyStage = (output: string, hook: (values: string[]) => Promise<void> | void) =>
    ({
      name: 'copy',
      parse: (record: IncomingRecord) => record.value?.toString() ?? '',
      async process(batch, out) {
        await hook(batch.items.map((item) => item.value));
        for (const item of batch.items)
          out.emit(item, {
            to: { topic: output, subject: `${output}-value` },
            key: 'k',
            value: item.value,
          });
      },
    }) satisfies StageDefinition<string>;

  const runnerOf = (input: string, stage: StageDefinition<string>, maxRecordBytes?: number) =>
    new StageRunner<unknown>(stage as StageDefinition<unknown>, {
      encoder: text,
      deadLetters: new DeadLetterWriter(text, {
        topic: `${input}.dlq`,
        subject: 'dlq',
        service: 'copy',
      }),
      maxRecordBytes,
    });

  /**
   * Publishes one record to `input` and waits for the group to commit past it. A producer of its
   * own: KafkaJS keeps refreshing the metadata of every topic a producer ever wrote to, so the
   * suite's publisher must never write to a topic a test deletes.
   */
  const consumeOne = async (consumer: StageConsumer, input: string, lines: string[] = []) => {
    const ownPublisher = new KafkaRecordPublisher(kafka.kafka);
    await ownPublisher.publish([{ topic: input, key: 'k', value: Buffer.from('a') }]);
    await ownPublisher.disconnect();
    await eventually(
      async () =>
        (await committedOffset(consumer.groupId, input)) === '1'
          ? true
          : Promise.reject(new Error(`not committed; ${lines.join('')}`)),
      { timeoutMs: 30_000 },
    );
  };

  const startStage = async (
    guarantee: ProcessingGuarantee,
    input: string,
    stage: StageDefinition<string>,
    options: {
      groupId?: string;
      maxRecordBytes?: number;
      drainTimeoutMs?: number;
      writers?: TransactionalWriters;
      consumers?: GroupConsumers;
      partitionsConcurrently?: number;
    } = {},
  ) => {
    const consumer = new StageConsumer(
      kafka.kafka,
      runnerOf(input, stage, options.maxRecordBytes),
      {
        groupId: options.groupId ?? kafka.groupId(`${guarantee}-${running.length}`),
        topics: [input],
        guarantee,
        publisher,
        ...(options.writers && { transactionalWriters: options.writers }),
        ...(options.consumers && { groupConsumers: options.consumers }),
        partitionsConcurrently: options.partitionsConcurrently,
        logger,
        backoff: { initialMs: 50, maxMs: 200, multiplier: 2 },
        drainTimeoutMs: options.drainTimeoutMs,
      },
    );
    running.push(consumer);
    await consumer.start();
    return consumer;
  };

  const readAll = async (topic: string, readUncommitted = false) => {
    const seen: string[] = [];
    const reader = new TopicReader(kafka.kafka, {
      groupId: kafka.groupId(`reader-${running.length}`),
      topics: [topic],
      readUncommitted,
    });
    running.push(reader);
    await reader.start((batch) => void seen.push(...batch.records.map((r) => r.value!.toString())));
    return seen;
  };

  const committedOffset = async (groupId: string, topic: string) =>
    (await kafka.committedOffsets(groupId, topic))[0]?.offset;

  const produce = (topic: string, values: readonly string[]) =>
    publisher.publish(values.map((value) => ({ topic, key: 'k', value: Buffer.from(value) })));

  // Each guarantee with every client on KafkaJS and on @platformatic/kafka (`KAFKA_CLIENT`), and
  // exactly once with KafkaJS consumers and @platformatic/kafka writers (`KAFKA_PUBLISHER_CLIENT`).
  const cases: [ProcessingGuarantee, KafkaClientName, KafkaClientName][] = [
    ['at_least_once', 'kafkajs', 'kafkajs'],
    ['at_least_once', 'platformatic', 'platformatic'],
    ['exactly_once_v2', 'kafkajs', 'kafkajs'],
    ['exactly_once_v2', 'kafkajs', 'platformatic'],
    ['exactly_once_v2', 'platformatic', 'platformatic'],
  ];
  describe.each(cases)('with %s, consuming on %s, producing on %s', (guarantee, reader, client) => {
    const tag = `${guarantee}-${reader}-${client}`;
    const writers = writersOn(client);
    const consumers = consumersOn(reader);

    it('retries a failed batch and commits it once it succeeds', async () => {
      const [input, output] = await kafka.createTopics([
        { name: `retry-in-${tag}`, partitions: 1 },
        { name: `retry-out-${tag}`, partitions: 1 },
      ]);
      let attempts = 0;
      const consumer = await startStage(
        guarantee,
        input!,
        copyStage(output!, () => {
          attempts += 1;
          if (attempts === 1) throw new AppError('DEPENDENCY_UNAVAILABLE', 'redis is down');
        }),
        { writers, consumers },
      );
      await produce(input!, ['a', 'b', 'c']);
      const seen = await readAll(output!);

      await eventually(async () =>
        (await committedOffset(consumer.groupId, input!)) === '3'
          ? 'done'
          : Promise.reject(new Error('not committed')),
      );
      await eventually(() =>
        seen.length >= 3 ? seen : Promise.reject(new Error(`${seen.length} seen`)),
      );
      expect(attempts).toBeGreaterThanOrEqual(2);
      if (guarantee === 'exactly_once_v2') expect(seen).toEqual(['a', 'b', 'c']);
    });

    it('finishes, delivers and commits the in-flight batch on a graceful stop, so nothing is replayed', async () => {
      const [input, output] = await kafka.createTopics([
        { name: `stop-in-${tag}`, partitions: 1 },
        { name: `stop-out-${tag}`, partitions: 1 },
      ]);
      let entered = false;
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const consumer = await startStage(
        guarantee,
        input!,
        copyStage(output!, async () => {
          entered = true;
          await gate;
        }),
        { writers, consumers },
      );
      await produce(input!, ['x', 'y', 'z']);
      await eventually(() => (entered ? true : Promise.reject(new Error('batch not started'))));

      const stopped = consumer.stop();
      release();
      await stopped;

      // The offset after the batch is committed: a new owner starts past it. Exactly once, it was
      // committed in the batch's transaction, which the group coordinator makes readable only
      // once the transaction's marker is written, after the commit returned (a new owner's
      // writer waits for that when it fences the old one); without the drain it never is.
      await eventually(async () =>
        (await committedOffset(consumer.groupId, input!)) === '3'
          ? 'committed'
          : Promise.reject(new Error('not committed')),
      );
      const seen = await readAll(output!);
      await eventually(() =>
        seen.length >= 3 ? seen : Promise.reject(new Error(`${seen.length} seen`)),
      );
      expect(seen).toEqual(['x', 'y', 'z']);
    });
    it('hands partitions over when a member joins and when one leaves: nothing lost, and nothing doubled exactly once', async () => {
      const [input, output] = await kafka.createTopics([
        { name: `rebalance-in-${tag}`, partitions: 4 },
        { name: `rebalance-out-${tag}`, partitions: 1 },
      ]);
      const groupId = kafka.groupId(`rebalance-${tag}`);
      const slow = copyStage(output!, () => new Promise((resolve) => setTimeout(resolve, 20)));
      const member = () =>
        startStage(guarantee, input!, slow, {
          groupId,
          writers,
          consumers,
          partitionsConcurrently: 2,
        });
      const spread = (from: number, count: number) =>
        publisher.publish(
          Array.from({ length: count }, (_, i) => ({
            topic: input!,
            key: `k${from + i}`,
            value: Buffer.from(`v${from + i}`),
          })),
        );
      const seen = await readAll(output!);
      const allSeen = (count: number) =>
        eventually(
          () =>
            new Set(seen).size >= count
              ? true
              : Promise.reject(new Error(`${new Set(seen).size} of ${count}`)),
          { timeoutMs: 60_000 },
        );

      const first = await member();
      await spread(0, 200);
      await eventually(() => (seen.length >= 20 ? true : Promise.reject(new Error('none yet'))));
      await member(); // joins: the group rebalances while the first member has batches in flight
      await spread(200, 200);
      await allSeen(400);
      await first.stop(); // leaves: the second member takes its partitions over
      await spread(400, 100);
      await allSeen(500);

      await eventually(
        async () => {
          const committed = (await kafka.committedOffsets(groupId, input!)).reduce(
            (sum, { offset }) => sum + Math.max(0, Number(offset)),
            0,
          );
          return committed >= 500 ? true : Promise.reject(new Error(`${committed} committed`));
        },
        { timeoutMs: 30_000 },
      );
      expect(new Set(seen).size).toBe(500);
      if (guarantee === 'exactly_once_v2') expect(seen).toHaveLength(500);
    });
  });

  it('stops cleanly while KafkaJS is restarting its run loop after a crash', async () => {
    const [input, output] = await kafka.createTopics([
      { name: 'crash-in', partitions: 1 },
      { name: 'crash-out', partitions: 1 },
    ]);
    const lines: string[] = [];
    const captured = createLogger({
      service: 'test',
      level: 'warn',
      destination: { write: (line: string) => void lines.push(line) },
    });
    // No client retries: the first failed fetch crashes the run loop, and KafkaJS restarts it.
    const brittle = new Kafka({
      brokers: testEndpoints().kafkaBrokers.slice(),
      clientId: `${kafka.prefix}brittle`,
      logLevel: logLevel.NOTHING,
      retry: { retries: 0, initialRetryTime: 5_000 },
    });
    const runner = runnerOf(
      input!,
      copyStage(output!, () => undefined),
    );
    const consumer = new StageConsumer(brittle, runner, {
      groupId: kafka.groupId('crash'),
      topics: [input!],
      guarantee: 'at_least_once',
      publisher,
      logger: captured,
    });
    await consumer.start();
    await consumeOne(consumer, input!, lines);
    // The input disappears under the consumer: its fetch fails, the run loop crashes.
    await kafka.deleteTopics([input!]);
    await eventually(
      () =>
        lines.some((line) => line.includes('restarting'))
          ? true
          : Promise.reject(new Error('no crash yet')),
      { timeoutMs: 30_000 },
    );

    await expect(consumer.stop()).resolves.toBeUndefined();
    expect(consumer.isRunning).toBe(false);
  });

  it('on @platformatic/kafka, reports a crash when its input disappears, and stops cleanly after', async () => {
    const [input, output] = await kafka.createTopics([
      { name: 'crash-pf-in', partitions: 1 },
      { name: 'crash-pf-out', partitions: 1 },
    ]);
    const crashes: unknown[] = [];
    const runner = runnerOf(
      input!,
      copyStage(output!, () => undefined),
    );
    const consumer = new StageConsumer(kafka.kafka, runner, {
      groupId: kafka.groupId('crash-pf'),
      topics: [input!],
      guarantee: 'at_least_once',
      publisher,
      groupConsumers: consumersOn('platformatic'),
      logger,
      onCrash: (error) => void crashes.push(error),
    });
    await consumer.start();
    await consumeOne(consumer, input!);
    await kafka.deleteTopics([input!]);
    await eventually(
      () => (crashes.length > 0 ? true : Promise.reject(new Error('no crash yet'))),
      { timeoutMs: 30_000 },
    );

    expect(consumer.isRunning).toBe(false);
    await expect(consumer.stop()).resolves.toBeUndefined();
    expect(crashes).toHaveLength(1);
  });

  describe.each(KAFKA_CLIENTS)('exactly once, the writers on %s', (client) => {
    it('exactly once: outputs of a transaction that aborted are never read by read_committed consumers', async () => {
      const [input, output] = await kafka.createTopics([
        { name: `abort-in-${client}`, partitions: 1 },
        { name: `abort-out-${client}`, partitions: 1 },
      ]);
      let attempts = 0;
      // The broker refuses the 2 MiB output (the runner's size bound is raised past the broker's
      // on purpose), after the small one was sent in the same transaction: it aborts, every time.
      const stage: StageDefinition<string> = {
        name: 'abort',
        parse: (record) => record.value?.toString() ?? '',
        async process(batch, out) {
          attempts += 1;
          const [item] = batch.items;
          const to = { topic: output!, subject: 'x' };
          out.emit(item!, { to, key: 'k', value: 'small' });
          out.emit(item!, { to, key: 'k', value: 'y'.repeat(2 * 1024 * 1024) });
        },
      };
      const consumer = await startStage('exactly_once_v2', input!, stage, {
        maxRecordBytes: 8 * 1024 * 1024,
        drainTimeoutMs: 500,
        writers: writersOn(client),
      });
      await produce(input!, ['poison']);
      await eventually(() =>
        attempts >= 2 ? attempts : Promise.reject(new Error(`${attempts} attempts`)),
      );
      await consumer.stop();
      await produce(output!, ['sentinel']);

      const uncommitted = await readAll(output!, true);
      const committed = await readAll(output!);

      await eventually(() =>
        committed.includes('sentinel') ? true : Promise.reject(new Error('no sentinel')),
      );
      await eventually(() =>
        uncommitted.includes('sentinel') ? true : Promise.reject(new Error('no sentinel')),
      );
      expect(committed).toEqual(['sentinel']);
      expect(uncommitted.filter((value) => value === 'small').length).toBeGreaterThanOrEqual(1);
      expect(['-1', undefined]).toContain(await committedOffset(consumer.groupId, input!));
    });

    it('exactly once: a batch without outputs commits its offset alone', async () => {
      const [input] = await kafka.createTopics([{ name: `empty-in-${client}`, partitions: 1 }]);
      const groupId = kafka.groupId(`empty-${client}`);
      const delivery = exactlyOnce(groupId, writersOn(client));

      await delivery.begin(input!, 0);
      await delivery.deliver({ topic: input!, partition: 0, nextOffset: '7' }, []);

      await eventually(async () =>
        (await committedOffset(groupId, input!)) === '7'
          ? true
          : Promise.reject(new Error('not committed')),
      );
    });

    it('exactly once: a new writer of a partition fences the old one, whose later commit fails', async () => {
      const [input, output] = await kafka.createTopics([
        { name: `fence-in-${client}`, partitions: 1 },
        { name: `fence-out-${client}`, partitions: 1 },
      ]);
      const groupId = kafka.groupId(`fence-${client}`);
      const zombie = exactlyOnce(groupId, writersOn(client));
      const owner = exactlyOnce(groupId, writersOn(client));
      const record = (value: string) => ({ topic: output!, key: 'k', value: Buffer.from(value) });

      await zombie.begin(input!, 0);
      await owner.begin(input!, 0);

      await expect(
        zombie.deliver({ topic: input!, partition: 0, nextOffset: '1' }, [record('zombie')]),
      ).rejects.toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE' });
      await owner.deliver({ topic: input!, partition: 0, nextOffset: '1' }, [record('owner')]);
      await produce(output!, ['sentinel']);
      const seen = await readAll(output!);
      await eventually(() =>
        seen.includes('sentinel') ? seen : Promise.reject(new Error('no sentinel')),
      );
      expect(seen).toEqual(['owner', 'sentinel']);
      // Readable once the coordinator has the transaction's marker (see the graceful stop above).
      await eventually(async () =>
        (await committedOffset(groupId, input!)) === '1'
          ? 'committed'
          : Promise.reject(new Error('not committed')),
      );
    });
  });
});
