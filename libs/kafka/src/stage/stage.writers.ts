import type { Kafka } from 'kafkajs';

/** One input partition of a stage: it has one transactional writer under exactly-once. */
export interface StagePartition {
  readonly topic: string;
  readonly partition: number;
}

/**
 * The transactional id of the writer of one input partition under exactly-once delivery
 * (`ExactlyOnceDelivery`). Derived, not random: whoever owns the partition next initialises the
 * same id, which is what fences the previous owner.
 */
export const stageWriterId = (groupId: string, topic: string, partition: number): string =>
  `${groupId}.${topic}.${partition}`;

/** How many writers are initialised at once: each is a few round trips to the coordinator. */
const FENCE_CONCURRENCY = 8;

/**
 * Fences the exactly-once writers of a stage's input partitions, whichever replica holds them:
 * initialising each transactional id aborts (or waits out the completion of) its open
 * transaction and makes every later send, offset commit or commit of the current owner fail.
 * Once this resolves, the group's committed offsets move only through a transaction begun
 * after it, so a batch the stage processed before cannot commit any more; its owner retries it
 * with a fresh writer (fencing this one in turn), which is ordinary stage behaviour.
 *
 * Used by a stage whose side state was lost: it reads the committed offsets after fencing, so
 * they cannot move under a batch that wrote to the lost state (see services/features).
 */
export async function fenceStageWriters(
  kafka: Kafka,
  groupId: string,
  partitions: readonly StagePartition[],
): Promise<void> {
  const queue = [...partitions];
  const fenceNext = async (): Promise<void> => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const producer = kafka.producer({
        transactionalId: stageWriterId(groupId, next.topic, next.partition),
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        retry: { initialRetryTime: 10, maxRetryTime: 1_000, retries: 10 },
      });
      await producer.connect();
      try {
        // KafkaJS initialises the transactional id at the first transaction, not at connect;
        // an empty transaction sends no EndTxn.
        await (await producer.transaction()).abort();
      } finally {
        await producer.disconnect().catch(() => undefined);
      }
    }
  };
  await Promise.all(Array.from({ length: FENCE_CONCURRENCY }, fenceNext));
}
