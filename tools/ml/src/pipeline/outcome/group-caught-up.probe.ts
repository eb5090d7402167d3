import type { Admin } from 'kafkajs';
import { consumerGroupId, topicName } from '@rtml/contracts';
import type { ConsumerGroupKey, TopicId } from '@rtml/contracts';

/**
 * True once a service's consumer group has committed every record of `topic` produced so far.
 * The services commit a batch only after its work is durable, so for features on `labels` it
 * means every label is applied, and for ingest on `events.raw` that every raw event reached its
 * topic. Labels yield no output to watch, which is why a replay checkpoint asks the group.
 */
export async function groupCaughtUp(
  admin: Admin,
  service: ConsumerGroupKey,
  topic: TopicId,
  prefix: string | undefined,
): Promise<boolean> {
  const name = topicName(topic, prefix);
  const ends = await admin.fetchTopicOffsets(name);
  const [committed] = await admin.fetchOffsets({
    groupId: consumerGroupId(service, prefix),
    topics: [name],
  });
  const committedBy = new Map(
    (committed?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]),
  );
  return ends.every(
    (end) =>
      BigInt(end.high) === BigInt(end.low) ||
      (committedBy.get(end.partition) ?? -1n) >= BigInt(end.high),
  );
}
