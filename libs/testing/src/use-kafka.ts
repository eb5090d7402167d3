import { Kafka, logLevel } from 'kafkajs';
import type { Admin } from 'kafkajs';
import { deleteSubjects } from '@rtml/local-stack';
import { testEndpoints } from './test-endpoints';
import { uniqueId } from './unique-id';

export interface TopicToCreate {
  readonly name: string;
  readonly partitions: number;
}

export interface KafkaTestContext {
  /** A KafkaJS client on the test run's broker (for the code under test to build on). */
  readonly kafka: Kafka;
  readonly schemaRegistryUrl: string;
  /** Prefix of every topic, group and subject of this suite, e.g. `t-k3v9x2.`. */
  readonly prefix: string;
  /** Creates topics named `<prefix><name>` and waits for their leaders; deleted after the suite. */
  createTopics(specs: readonly TopicToCreate[]): Promise<string[]>;
  /** Registers topics the code under test creates itself, for deletion after the suite. */
  adoptTopics(names: readonly string[]): void;
  /** Deletes topics of this suite now (a topic vanishing under a running consumer). */
  deleteTopics(names: readonly string[]): Promise<void>;
  /** A consumer group name of this suite; deleted after the suite. */
  groupId(name: string): string;
  /** The group's committed offset per partition on a topic. */
  committedOffsets(
    groupId: string,
    topic: string,
  ): Promise<Array<{ partition: number; offset: string }>>;
}

/**
 * Registers, at once, the set-up and the clean-up of an isolated slice of the real Kafka and
 * registry for the calling `describe`: topics, groups and subjects all carry a fresh prefix.
 * It talks to the servers with the raw clients, not with @rtml/kafka, so that library's own
 * tests can use it without depending on themselves.
 */
export function useKafka(): KafkaTestContext {
  const endpoints = testEndpoints();
  const prefix = `${uniqueId()}.`;
  const kafka = new Kafka({
    brokers: [...endpoints.kafkaBrokers],
    clientId: `test-${prefix}`,
    logLevel: logLevel.NOTHING,
  });
  const admin: Admin = kafka.admin();
  const topics: string[] = [];
  const groups: string[] = [];

  beforeAll(() => admin.connect());
  afterAll(async () => {
    await admin.deleteGroups(groups).catch(() => undefined); // a group that never joined is fine
    const existing = new Set(await admin.listTopics());
    const ours = topics.filter((topic) => existing.has(topic));
    if (ours.length > 0) await admin.deleteTopics({ topics: ours });
    await admin.disconnect();
    await deleteSubjects(endpoints.schemaRegistryUrl, prefix);
  });

  return {
    kafka,
    schemaRegistryUrl: endpoints.schemaRegistryUrl,
    prefix,
    async createTopics(specs) {
      const names = specs.map((spec) => `${prefix}${spec.name}`);
      topics.push(...names);
      await admin.createTopics({
        waitForLeaders: false, // KafkaJS's own wait fails on KRaft's brief "unknown topic" window
        topics: specs.map((spec, i) => ({ topic: names[i]!, numPartitions: spec.partitions })),
      });
      await waitForLeaders(admin, names);
      return names;
    },
    adoptTopics(names) {
      topics.push(...names);
    },
    async deleteTopics(names) {
      await admin.deleteTopics({ topics: [...names] });
    },
    groupId(name) {
      const id = `${prefix}${name}`;
      groups.push(id);
      return id;
    },
    async committedOffsets(groupId, topic) {
      const [result] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return (result?.partitions ?? []).map(({ partition, offset }) => ({ partition, offset }));
    },
  };
}

async function waitForLeaders(admin: Admin, topics: string[]): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const ready = await admin
      .fetchTopicMetadata({ topics })
      .then((metadata) =>
        metadata.topics.every((topic) =>
          topic.partitions.every((partition) => partition.leader >= 0),
        ),
      )
      .catch(() => false);
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`topics without leaders after 30 s: ${topics.join(', ')}`);
}
