import { TOPICS, TOPIC_IDS, topicName, valueSubject } from '@rtml/contracts';
import type { TopicId } from '@rtml/contracts';
import type { AvroSerde } from './avro-serde';
import type { TopicAdmin, TopicSpec } from './topic-admin';

/** The broker-side spec of every contract topic (partitions and retention from the catalog). */
export function contractTopicSpecs(
  prefix?: string,
  ids: readonly TopicId[] = TOPIC_IDS,
): TopicSpec[] {
  return ids.map((id) => ({
    name: topicName(id, prefix),
    partitions: TOPICS[id].partitions,
    config: { 'retention.ms': String(TOPICS[id].retention.retentionMs) },
  }));
}

/**
 * Creates the contract topics that are missing and registers every value schema under its
 * subject with the subject's compatibility rule. Idempotent: safe at every service start and in
 * the init job; a schema the registry refuses (an incompatible change) fails loudly.
 */
export async function provisionContracts(
  admin: TopicAdmin,
  serde: AvroSerde,
  prefix?: string,
): Promise<void> {
  await admin.ensureTopics(contractTopicSpecs(prefix));
  for (const id of TOPIC_IDS) {
    await serde.register({
      subject: valueSubject(id, prefix),
      schema: TOPICS[id].valueSchema,
      compatibility: TOPICS[id].compatibility,
    });
  }
}
