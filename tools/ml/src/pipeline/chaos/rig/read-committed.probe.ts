import type { Kafka } from 'kafkajs';
import { TopicRecorder } from '../run/topic.recorder';

/**
 * Checks, on the broker the suite reads, that its topic readers see committed transactional
 * writes and never aborted ones (read_committed, KafkaJS's default isolation): a transactional
 * producer writes one record it aborts and one it commits, and a TopicRecorder must read exactly
 * the committed one. Without that, a pipeline writing with transactions could look clean to the
 * suite while its consumers saw aborted duplicates, or the reverse. Returns why not, or undefined.
 */
export async function checkReadCommitted(kafka: Kafka, runId: string): Promise<string | undefined> {
  const topic = `${runId}.isolation-probe`;
  const admin = kafka.admin();
  await admin.connect();
  const producer = kafka.producer({
    transactionalId: `${runId}-isolation-probe`,
    idempotent: true,
    maxInFlightRequests: 1,
  });
  const recorder = new TopicRecorder(kafka, topic, `${runId}-isolation-probe`, async (value) =>
    value.toString('utf8'),
  );
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await producer.connect();
    for (const [value, commit] of [
      ['aborted', false],
      ['committed', true],
    ] as const) {
      const transaction = await producer.transaction();
      await transaction.send({ topic, messages: [{ value }] });
      await (commit ? transaction.commit() : transaction.abort());
    }
    await recorder.start();
    const [end] = await admin.fetchTopicOffsets(topic);
    const ends = new Map([[0, BigInt(end?.offset ?? '0')]]);
    const deadline = Date.now() + 30_000;
    while (!recorder.caughtUpTo(ends) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const values = [...recorder.records()].map((record) => record.value);
    if (!recorder.caughtUpTo(ends)) return 'the probe topic was not read to its end in 30 s';
    return values.length === 1 && values[0] === 'committed'
      ? undefined
      : `the suite's readers saw ${values.length} records of one committed and one aborted (read_uncommitted?)`;
  } finally {
    await Promise.allSettled([recorder.stop(), producer.disconnect()]);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
}
