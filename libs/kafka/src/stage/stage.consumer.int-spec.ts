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
import { PUBLISHER_CLIENTS } from '../platformatic-record.publisher';
import type { PublisherClient } from '../platformatic-record.publisher';
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
  /** Exactly-once's transactional writers on each client. */
  const writersOn = (client: PublisherClient): TransactionalWriters =>
    transactionalWritersOn(client, kafka.kafka, {
      brokers: testEndpoints().kafkaBrokers,
      clientId: `${kafka.prefix}platformatic`,
    });

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

  const startStage = async (
    guarantee: ProcessingGuarantee,
    input: string,
    stage: StageDefinition<string>,
    options: {
      groupId?: string;
      maxRecordBytes?: number;
      drainTimeoutMs?: number;
      writers?: TransactionalWriters;
    } = {},
  ) => {
    const runner = new StageRunner<unknown>(stage as StageDefinition<unknown>, {
      encoder: text,
      deadLetters: new DeadLetterWriter(text, {
        topic: `${input}.dlq`,
        subject: 'dlq',
        service: 'copy',
      }),
      maxRecordBytes: options.maxRecordBytes,
    });
    const consumer = new StageConsumer(kafka.kafka, runner, {
      groupId: options.groupId ?? kafka.groupId(`${guarantee}-${running.length}`),
      topics: [input],
      guarantee,
      publisher,
      ...(options.writers && { transactionalWriters: options.writers }),
      logger,
      backoff: { initialMs: 50, maxMs: 200, multiplier: 2 },
      drainTimeoutMs: options.drainTimeoutMs,
    });
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

  // At least once, and exactly once with the transactional writers on each client.
  const cases: [ProcessingGuarantee, PublisherClient][] = [
    ['at_least_once', 'kafkajs'],
    ...PUBLISHER_CLIENTS.map((client): [ProcessingGuarantee, PublisherClient] => [
      'exactly_once_v2',
      client,
    ]),
  ];
  describe.each(cases)('with %s, producing on %s', (guarantee, client) => {
    const tag = `${guarantee}-${client}`;
    const writers = writersOn(client);

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
        { writers },
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
        { writers },
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
    const runner = new StageRunner<unknown>(
      copyStage(output!, () => undefined) as StageDefinition<unknown>,
      {
        encoder: text,
        deadLetters: new DeadLetterWriter(text, {
          topic: `${input}.dlq`,
          subject: 'dlq',
          service: 'copy',
        }),
      },
    );
    const consumer = new StageConsumer(brittle, runner, {
      groupId: kafka.groupId('crash'),
      topics: [input!],
      guarantee: 'at_least_once',
      publisher,
      logger: captured,
    });
    await consumer.start();
    // A producer of its own: KafkaJS keeps refreshing the metadata of every topic a producer
    // ever wrote to, so the suite's publisher must never write to a topic deleted here.
    const ownPublisher = new KafkaRecordPublisher(kafka.kafka);
    await ownPublisher.publish([{ topic: input!, key: 'k', value: Buffer.from('a') }]);
    await ownPublisher.disconnect();
    await eventually(
      async () =>
        (await committedOffset(consumer.groupId, input!)) === '1'
          ? true
          : Promise.reject(new Error(`not committed; ${lines.join('')}`)),
      { timeoutMs: 30_000 },
    );
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

  describe.each(PUBLISHER_CLIENTS)('exactly once, the writers on %s', (client) => {
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
      const delivery = new ExactlyOnceDelivery(kafka.kafka, {
        groupId,
        writers: writersOn(client),
      });
      running.push({ stop: () => delivery.close() });

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
      const zombie = new ExactlyOnceDelivery(kafka.kafka, { groupId, writers: writersOn(client) });
      const owner = new ExactlyOnceDelivery(kafka.kafka, { groupId, writers: writersOn(client) });
      running.push({ stop: () => zombie.close() }, { stop: () => owner.close() });
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
