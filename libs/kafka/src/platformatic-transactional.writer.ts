import { Admin, FindCoordinatorKeyTypes } from '@platformatic/kafka';
import type { Consumer, Message, Producer } from '@platformatic/kafka';
import type { Kafka } from 'kafkajs';
import { platformaticConnection, platformaticProducer, toMessage } from './platformatic-producer';
import type { PlatformaticPublisherOptions } from './platformatic-producer';
import type { KafkaClientName } from './kafka-client';
import { MAX_REQUEST_BYTES, chunksUnder } from './record-size';
import type { OutgoingRecord } from './record.types';
import { kafkaJsWriters } from './stage/transactional-writer';
import type {
  TransactionOffset,
  TransactionalWriter,
  TransactionalWriters,
} from './stage/transactional-writer';

/**
 * The transactional writers on `client` (`KAFKA_PUBLISHER_CLIENT`): KafkaJS's on `kafka`, or
 * @platformatic/kafka's with their own connections.
 */
export const transactionalWritersOn = (
  client: KafkaClientName,
  kafka: Kafka,
  platformatic: PlatformaticPublisherOptions,
): TransactionalWriters =>
  client === 'platformatic' ? platformaticWriters(platformatic) : kafkaJsWriters(kafka);

/** Transactional writers on @platformatic/kafka (`KAFKA_PUBLISHER_CLIENT=platformatic`). */
export const platformaticWriters =
  (options: PlatformaticPublisherOptions): TransactionalWriters =>
  (transactionalId, timeoutMs) =>
    new PlatformaticTransactionalWriter(options, transactionalId, timeoutMs);

/**
 * One transactional id on a @platformatic/kafka producer.
 *
 * - **Taking the id over.** The library's InitProducerId sends producer id 0 and epoch 0 unless
 *   told otherwise. The broker reads those as "I am that producer" and answers PRODUCER_FENCED
 *   to any new writer of an id another producer used. Sending -1/-1, as the Java client does,
 *   makes the new writer fence the old one instead.
 * - **The offset in the transaction.** The library's `addOffset` takes a message read by one of
 *   its own consumers and uses that consumer's group generation (KIP-447). The writer does not
 *   know the stage's consumer (it may be KafkaJS's), so the offset goes with generation -1 and
 *   no member id. The broker then checks
 *   only the transactional id, the same scheme as the KafkaJS writer. `addConsumer` reads only
 *   the consumer's `groupId`. The exactly-once int tests run on this client too, so a change of
 *   either shows there.
 */
class PlatformaticTransactionalWriter implements TransactionalWriter {
  private readonly producer: Producer<Buffer, Buffer, Buffer, Buffer>;
  private coordinator: Promise<number> | undefined;

  constructor(
    private readonly options: PlatformaticPublisherOptions,
    transactionalId: string,
    timeoutMs: number,
  ) {
    this.producer = platformaticProducer(options, {
      transactionalId,
      producerId: -1n,
      producerEpoch: -1,
      timeout: timeoutMs,
      retries: 10,
      // The broker answers CONCURRENT_TRANSACTIONS while the previous commit's markers are
      // written (milliseconds); the library's default 1 s between retries would pace every
      // partition after each abort.
      retryDelay: (_client, _operation, attempt) => Math.min(1_000, 10 * 2 ** attempt),
    });
  }

  async connect(): Promise<void> {
    // The library initialises the transactional id when the first transaction begins; a
    // cancelled one sends nothing more.
    await (await this.producer.beginTransaction()).cancel();
  }

  async commitTransaction(
    records: readonly OutgoingRecord[],
    offset: TransactionOffset,
  ): Promise<void> {
    const coordinatorId = await this.groupCoordinator(offset.groupId);
    const transaction = await this.producer.beginTransaction();
    try {
      for (const chunk of chunksUnder(records, MAX_REQUEST_BYTES))
        await transaction.send({ messages: chunk.map(toMessage) });
      await transaction.addConsumer({ groupId: offset.groupId } as unknown as Consumer);
      await transaction.addOffset({
        topic: offset.topic,
        partition: offset.partition,
        // The library commits the offset after the message's.
        offset: BigInt(offset.nextOffset) - 1n,
        metadata: {
          consumer: { groupId: offset.groupId, generationId: -1, memberId: '', coordinatorId },
        },
      } as unknown as Message);
      await transaction.commit();
    } catch (error) {
      if (!transaction.completed) await transaction.abort().catch(() => undefined);
      this.coordinator = undefined; // it may have moved
      throw error;
    }
  }

  disconnect(): Promise<void> {
    return this.producer.close();
  }

  /** The node id of the group's coordinator, where TxnOffsetCommit goes. */
  private groupCoordinator(groupId: string): Promise<number> {
    this.coordinator ??= (async () => {
      const admin = new Admin(platformaticConnection(this.options));
      try {
        const [found] = await admin.findCoordinator({
          keyType: FindCoordinatorKeyTypes.GROUP,
          keys: [groupId],
        });
        if (found === undefined) throw new Error(`no coordinator for group ${groupId}`);
        return found.nodeId;
      } finally {
        await admin.close().catch(() => undefined);
      }
    })();
    const lookup = this.coordinator;
    lookup.catch(() => {
      if (this.coordinator === lookup) this.coordinator = undefined;
    });
    return lookup;
  }
}
