import { eventually, testEndpoints, useKafka } from '@rtml/testing';
import { KAFKA_CLIENTS } from '../kafka-client';
import { transactionalWritersOn } from '../platformatic-transactional.writer';
import { KafkaJsCommittedOffsets } from './kafkajs-group.consumer';
import { ExactlyOnceDelivery } from './stage.delivery';
import { fenceStageWriters } from './stage.writers';

describe('fencing the exactly-once writers of a stage', () => {
  const kafka = useKafka();
  const closing: { close(): Promise<void> }[] = [];
  afterAll(() => Promise.all(closing.map((delivery) => delivery.close())));

  it.each(KAFKA_CLIENTS)(
    'makes the current owner’s pending commit fail, so the committed offsets cannot move past what was read; its retry commits (owner on %s)',
    async (client) => {
      const [input, output] = await kafka.createTopics([
        { name: `in-${client}`, partitions: 2 },
        { name: `out-${client}`, partitions: 1 },
      ]);
      const groupId = kafka.groupId(`stage-${client}`);
      const writers = transactionalWritersOn(client, kafka.kafka, {
        brokers: testEndpoints().kafkaBrokers,
        clientId: `${kafka.prefix}platformatic`,
      });
      const offsets = new KafkaJsCommittedOffsets(kafka.kafka, groupId);
      const owner = new ExactlyOnceDelivery({
        groupId,
        writers,
        committedOffset: (topic, partition) => offsets.read(topic, partition),
      });
      closing.push(owner, offsets);
      const at = (partition: number, nextOffset: string) => ({
        topic: input!,
        partition,
        nextOffset,
      });
      const records = [{ topic: output!, key: 'k', value: Buffer.from('v') }];
      await owner.begin(input!, 0);
      await owner.deliver(at(0, '1'), records);
      await owner.begin(input!, 1);

      await fenceStageWriters(kafka.kafka, groupId, [
        { topic: input!, partition: 0 },
        { topic: input!, partition: 1 },
      ]);
      const fenced = await Promise.all([
        owner.deliver(at(0, '2'), records).catch((error: unknown) => error),
        owner.deliver(at(1, '1'), records).catch((error: unknown) => error),
      ]);
      const afterFence = await kafka.committedOffsets(groupId, input!);
      await owner.begin(input!, 0);
      await owner.deliver(at(0, '2'), records);

      expect(fenced).toEqual([
        expect.objectContaining({ code: 'DEPENDENCY_UNAVAILABLE' }),
        expect.objectContaining({ code: 'DEPENDENCY_UNAVAILABLE' }),
      ]);
      expect(afterFence.find((p) => p.partition === 0)?.offset).toBe('1');
      expect(afterFence.find((p) => p.partition === 1)?.offset).toBe('-1');
      // A transaction's offsets become visible to OffsetFetch once the coordinator has written its
      // commit marker, which it does after answering EndTxn: the retry's commit shows up shortly.
      await eventually(
        async () =>
          expect(
            (await kafka.committedOffsets(groupId, input!)).find((p) => p.partition === 0),
          ).toEqual({ partition: 0, offset: '2' }),
        { description: 'the retry’s offsets committed' },
      );
    },
  );
});
