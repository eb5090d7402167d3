import { withPrefix } from './kafka-name';
import type { TopicId } from './topic.types';

/** The services of the pipeline; each consumes with its own consumer group. */
export type ServiceId = 'ingest' | 'features' | 'scoring' | 'actions';

export interface ConsumerGroupSpec {
  /** The group id without any prefix; see `consumerGroupId`. */
  readonly groupId: string;
  readonly consumes: readonly TopicId[];
  /** What the service writes; every service may also dead-letter. */
  readonly produces: readonly TopicId[];
}

/**
 * One consumer group per service, so each scales on its own: replicas of a service share its
 * group and split its topics' partitions. Group ids are API: renaming one abandons its committed
 * offsets, and the new group starts from its reset policy.
 */
export const CONSUMER_GROUPS: { readonly [Service in ServiceId]: ConsumerGroupSpec } = {
  ingest: {
    groupId: 'rtml.ingest',
    consumes: ['rawEvents'],
    produces: ['transactions', 'labels', 'deadLetters'],
  },
  features: {
    groupId: 'rtml.features',
    consumes: ['transactions', 'labels'],
    produces: ['enrichedEvents', 'deadLetters'],
  },
  scoring: {
    groupId: 'rtml.scoring',
    consumes: ['enrichedEvents'],
    produces: ['predictions', 'deadLetters'],
  },
  actions: {
    groupId: 'rtml.actions',
    consumes: ['predictions'],
    produces: ['alerts', 'deadLetters'],
  },
};

/** Every service id, in pipeline order. */
export const SERVICE_IDS: readonly ServiceId[] = ['ingest', 'features', 'scoring', 'actions'];

/** The consumer group id on the broker, `<prefix>.<group>` when prefixed, like topic names. */
export const consumerGroupId = (service: ServiceId, prefix?: string): string =>
  withPrefix(CONSUMER_GROUPS[service].groupId, prefix);
