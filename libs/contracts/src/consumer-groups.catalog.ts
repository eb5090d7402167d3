import { withPrefix } from './kafka-name';
import type { TopicId } from './topic.types';

/** The services of the pipeline; each consumes with its own consumer group. */
export type ServiceId = 'ingest' | 'features' | 'scoring' | 'actions';

/**
 * A consumer group of the pipeline: each service's own (named after it), plus two second stages
 * inside actions, each in a group of its own: the webhook delivery worker, so a slow receiver
 * never holds up storing predictions, and the label stage, which stores the labels that the
 * scores API joins to their predictions.
 */
export type ConsumerGroupKey = ServiceId | 'webhookDeliveries' | 'actionsLabels';

export interface ConsumerGroupSpec {
  /** The group id without any prefix; see `consumerGroupId`. */
  readonly groupId: string;
  /** The service whose replicas are the group's members. */
  readonly service: ServiceId;
  readonly consumes: readonly TopicId[];
  /** What the group's stage writes; every stage may also dead-letter. */
  readonly produces: readonly TopicId[];
}

/**
 * One consumer group per service, so each scales on its own: replicas of a service share its
 * group and split its topics' partitions; actions' replicas also share the delivery worker's
 * group and the label stage's. Group ids are API: renaming one abandons its committed
 * offsets, and the new group starts from its reset policy.
 */
export const CONSUMER_GROUPS: { readonly [Key in ConsumerGroupKey]: ConsumerGroupSpec } = {
  ingest: {
    groupId: 'rtml.ingest',
    service: 'ingest',
    consumes: ['rawEvents'],
    produces: ['transactions', 'labels', 'deadLetters'],
  },
  features: {
    groupId: 'rtml.features',
    service: 'features',
    consumes: ['transactions', 'labels'],
    produces: ['enrichedEvents', 'deadLetters'],
  },
  scoring: {
    groupId: 'rtml.scoring',
    service: 'scoring',
    consumes: ['enrichedEvents'],
    produces: ['predictions', 'modelAlerts', 'deadLetters'],
  },
  actions: {
    groupId: 'rtml.actions',
    service: 'actions',
    consumes: ['predictions'],
    produces: ['alerts', 'webhookDeliveries', 'deadLetters'],
  },
  webhookDeliveries: {
    groupId: 'rtml.actions.webhooks',
    service: 'actions',
    consumes: ['webhookDeliveries'],
    // A delivery waiting out a long backoff is re-emitted, not slept on.
    produces: ['webhookDeliveries', 'deadLetters'],
  },
  actionsLabels: {
    groupId: 'rtml.actions.labels',
    service: 'actions',
    // Its own group, not features': each group reads every label, at its own pace.
    consumes: ['labels'],
    produces: ['deadLetters'],
  },
};

/** Every service id, in pipeline order. */
export const SERVICE_IDS: readonly ServiceId[] = ['ingest', 'features', 'scoring', 'actions'];

/** Every consumer group, in pipeline order. */
export const CONSUMER_GROUP_KEYS: readonly ConsumerGroupKey[] = [
  ...SERVICE_IDS,
  'webhookDeliveries',
  'actionsLabels',
];

/** The groups a service's replicas join: its own first. */
export const consumerGroupsOf = (service: ServiceId): readonly ConsumerGroupKey[] =>
  CONSUMER_GROUP_KEYS.filter((key) => CONSUMER_GROUPS[key].service === service);

/** The consumer group id on the broker, `<prefix>.<group>` when prefixed, like topic names. */
export const consumerGroupId = (group: ConsumerGroupKey, prefix?: string): string =>
  withPrefix(CONSUMER_GROUPS[group].groupId, prefix);
