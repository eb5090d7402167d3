import type { Admin, Kafka } from 'kafkajs';
import { AppError } from '@rtml/errors';

export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor?: number;
  readonly config?: Readonly<Record<string, string>>;
}

/** Creates, lists and deletes topics; answers the health probe with a real metadata request. */
export class TopicAdmin {
  private readonly admin: Admin;
  private connected = false;

  constructor(kafka: Kafka) {
    this.admin = kafka.admin();
  }

  async connect(): Promise<void> {
    if (this.connected) return;
    await this.admin.connect();
    this.connected = true;
  }

  /**
   * Creates the topics that do not exist yet and waits until they have leaders. An existing
   * topic with fewer partitions than asked is an error, never silently "fixed": adding
   * partitions moves keys between partitions and breaks per-key ordering.
   */
  async ensureTopics(specs: readonly TopicSpec[]): Promise<void> {
    await this.connect();
    const existing = new Set(await this.admin.listTopics());
    const missing = specs.filter((spec) => !existing.has(spec.name));
    if (missing.length > 0) {
      await this.admin.createTopics({
        waitForLeaders: false, // KafkaJS's own wait fails on KRaft's brief "unknown topic" window

        topics: missing.map((spec) => ({
          topic: spec.name,
          numPartitions: spec.partitions,
          replicationFactor: spec.replicationFactor ?? -1,
          configEntries: Object.entries(spec.config ?? {}).map(([name, value]) => ({
            name,
            value,
          })),
        })),
      });
    }
    await this.checkPartitions(specs.filter((spec) => existing.has(spec.name)));
    await this.waitForLeaders(missing.map((spec) => spec.name));
  }

  /** Polls metadata until every partition of the topics has a leader (new topics take a moment). */
  private async waitForLeaders(topics: readonly string[], timeoutMs = 30_000): Promise<void> {
    if (topics.length === 0) return;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ready = await this.admin
        .fetchTopicMetadata({ topics: [...topics] })
        .then((metadata) =>
          metadata.topics.every((topic) =>
            topic.partitions.every((partition) => partition.leader >= 0),
          ),
        )
        .catch(() => false); // UNKNOWN_TOPIC_OR_PARTITION until the metadata has propagated
      if (ready) return;
      if (Date.now() > deadline)
        throw new AppError(
          'TIMEOUT',
          `topics without leaders after ${timeoutMs} ms: ${topics.join(', ')}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async deleteTopics(names: readonly string[]): Promise<void> {
    if (names.length === 0) return;
    await this.connect();
    const existing = new Set(await this.admin.listTopics());
    const present = names.filter((name) => existing.has(name));
    if (present.length > 0) await this.admin.deleteTopics({ topics: present });
  }

  async deleteGroups(groupIds: readonly string[]): Promise<void> {
    if (groupIds.length === 0) return;
    await this.connect();
    await this.admin.deleteGroups([...groupIds]).catch(() => undefined); // a group never joined is fine
  }

  /** The group's committed offsets on a topic, per partition (`-1` when none). */
  async committedOffsets(
    groupId: string,
    topic: string,
  ): Promise<Array<{ partition: number; offset: string }>> {
    await this.connect();
    const [result] = await this.admin.fetchOffsets({ groupId, topics: [topic] });
    return (result?.partitions ?? []).map(({ partition, offset }) => ({ partition, offset }));
  }

  /** Real request to the cluster; throws a retriable error when it does not answer. */
  async probe(): Promise<void> {
    try {
      await this.connect();
      await this.admin.describeCluster();
    } catch (error) {
      throw new AppError('DEPENDENCY_UNAVAILABLE', 'kafka does not answer', { cause: error });
    }
  }

  async disconnect(): Promise<void> {
    if (!this.connected) return;
    await this.admin.disconnect();
    this.connected = false;
  }

  private async checkPartitions(specs: readonly TopicSpec[]): Promise<void> {
    if (specs.length === 0) return;
    const metadata = await this.admin.fetchTopicMetadata({
      topics: specs.map((spec) => spec.name),
    });
    for (const spec of specs) {
      const found = metadata.topics.find((topic) => topic.name === spec.name);
      const partitions = found?.partitions.length ?? 0;
      if (partitions < spec.partitions) {
        throw new AppError(
          'CONFIG_INVALID',
          `topic ${spec.name} has ${partitions} partitions, expected ${spec.partitions}`,
          {
            details: { topic: spec.name, partitions, expected: spec.partitions },
          },
        );
      }
    }
  }
}
