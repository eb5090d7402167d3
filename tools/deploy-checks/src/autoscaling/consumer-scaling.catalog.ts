import { CONSUMER_GROUPS, SERVICE_IDS, TOPICS, consumerGroupsOf, topicName } from '@rtml/contracts';
import type { ConsumerGroupKey, ServiceId } from '@rtml/contracts';

export interface ConsumedTopic {
  readonly name: string;
  readonly partitions: number;
  /** The group that consumes it: the service's own, or a second stage's (actions' webhooks). */
  readonly group: ConsumerGroupKey;
  readonly groupId: string;
}

/** What the contracts catalog says about scaling a service out in its consumer group. */
export interface ConsumerScaling {
  readonly service: ServiceId;
  /** The service's own group. */
  readonly groupId: string;
  /** Every topic any of the service's groups consumes. */
  readonly topics: readonly ConsumedTopic[];
  /**
   * The most replicas that all get work: a group never gives one partition to two members, so
   * past the smallest consumed topic's partition count the extra replicas idle on that topic.
   */
  readonly replicaCeiling: number;
}

/**
 * The single source of the Kafka numbers in k8s/: topic names, partition counts and group ids
 * come from libs/contracts (TOPICS, CONSUMER_GROUPS), never from a second copy. Names are
 * unprefixed: the Kubernetes deployment runs with TOPIC_PREFIX empty (a check holds that).
 */
export function consumerScaling(service: ServiceId): ConsumerScaling {
  const topics = consumerGroupsOf(service).flatMap((group) =>
    CONSUMER_GROUPS[group].consumes.map((id) => ({
      name: topicName(id),
      partitions: TOPICS[id].partitions,
      group,
      groupId: CONSUMER_GROUPS[group].groupId,
    })),
  );
  return {
    service,
    groupId: CONSUMER_GROUPS[service].groupId,
    topics,
    replicaCeiling: Math.min(...topics.map((topic) => topic.partitions)),
  };
}

export const ALL_CONSUMER_SCALING: readonly ConsumerScaling[] = SERVICE_IDS.map(consumerScaling);
