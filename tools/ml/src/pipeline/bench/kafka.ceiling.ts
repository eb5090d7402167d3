import type { Kafka } from 'kafkajs';
import { KafkaRecordPublisher } from '@rtml/kafka';
import { stackServerPid } from '../scale/cpu.ledger';
import { readProcessCpuSeconds } from '../scale/cpu.usage';
import { benchRecords } from './kafka-clients/bench-records';
import { KAFKA_CLIENTS_DEFAULTS } from './kafka-clients/kafka-clients.args';

export interface CeilingResult {
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  /** The Redis ceiling's: records (events and labels) per second of the Redis server's CPU. */
  readonly recordsPerRedisCoreSecond?: number;
  /** The measuring process's CPU over the timed part, µs (user + system, every thread). */
  readonly clientCpuUs: number;
  /** The server's CPU over the timed part, µs (the broker, Redis, DynamoDB Local); 0 for none. */
  readonly serverCpuUs: number;
}

/**
 * The raw Kafka ceiling with the pipeline's own client and settings: `events` records of the
 * pipeline's shape (`bench:kafka-clients`' defaults: values of the mean size of the records a
 * transaction produces, the two headers every data record carries, 5,000 keys), produced in
 * batches of `batchSize` (idempotent, acks=all) to a fresh 12-partition topic while one consumer
 * group reads them back; the clock stops at the last record consumed. One record is one hop of
 * the pipeline: produced once, consumed once. The topic is deleted afterwards.
 */
export async function measureKafkaCeiling(
  kafka: Kafka,
  events: number,
  batchSize = 1_000,
): Promise<CeilingResult> {
  const topic = `rtml-bench-ceiling-${Date.now().toString(36)}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: false, topics: [{ topic, numPartitions: 12 }] });
  await waitForLeaders(admin, topic);
  const publisher = new KafkaRecordPublisher(kafka);
  const consumer = kafka.consumer({ groupId: `${topic}-group`, maxWaitTimeInMs: 50 });
  try {
    await publisher.connect();
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    let consumed = 0;
    let resolveDone: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (resolveDone = resolve));
    await consumer.run({
      partitionsConsumedConcurrently: 3,
      eachBatch: async ({ batch }) => {
        consumed += batch.messages.length;
        if (consumed >= events) resolveDone();
      },
    });
    const { valueBytes, headers } = KAFKA_CLIENTS_DEFAULTS;
    const records = benchRecords(topic, events, valueBytes, headers);
    const broker = stackServerPid('kafka');
    const brokerBefore = readProcessCpuSeconds(broker);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (let sent = 0; sent < events; sent += batchSize) {
      const count = Math.min(batchSize, events - sent);
      await publisher.publish(records.slice(sent, sent + count));
    }
    await done;
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const brokerAfter = readProcessCpuSeconds(broker);
    return {
      events,
      seconds,
      eventsPerSecond: Math.round(events / seconds),
      clientCpuUs: cpu.user + cpu.system,
      serverCpuUs:
        brokerBefore === undefined || brokerAfter === undefined
          ? 0
          : (brokerAfter - brokerBefore) * 1e6,
    };
  } finally {
    await consumer.disconnect();
    await publisher.disconnect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.deleteGroups([`${topic}-group`]).catch(() => undefined);
    await admin.disconnect();
  }
}

async function waitForLeaders(admin: ReturnType<Kafka['admin']>, topic: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] }).catch(() => undefined);
    const partitions = metadata?.topics[0]?.partitions ?? [];
    if (partitions.length === 12 && partitions.every((p) => p.leader >= 0)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`topic ${topic} has no leaders after 30 s`);
}
