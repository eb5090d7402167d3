import type { ServiceId } from '@rtml/contracts';
import { consumerScaling } from './consumer-scaling.catalog';
import type { ConsumerScaling } from './consumer-scaling.catalog';
import {
  POLLING_INTERVAL,
  SCALE_DOWN_PERIOD_SECONDS,
  SCALE_DOWN_PODS,
  SCALE_DOWN_WINDOW,
  SCALE_UP_PERIOD_SECONDS,
  SCALE_UP_PODS,
  SCALING_POLICY,
} from './autoscaling.policy';

/** A comment to write above the value at `path` in the generated YAML. */
export interface PathComment {
  readonly path: readonly (string | number)[];
  readonly text: string;
}

export interface AutoscalingManifest {
  readonly object: Readonly<Record<string, unknown>>;
  readonly comments: readonly PathComment[];
}

const behavior = {
  scaleUp: {
    stabilizationWindowSeconds: 0,
    selectPolicy: 'Max',
    policies: [
      { type: 'Pods', value: SCALE_UP_PODS.value, periodSeconds: SCALE_UP_PERIOD_SECONDS },
    ],
  },
  scaleDown: {
    stabilizationWindowSeconds: SCALE_DOWN_WINDOW.value,
    selectPolicy: 'Max',
    policies: [
      { type: 'Pods', value: SCALE_DOWN_PODS.value, periodSeconds: SCALE_DOWN_PERIOD_SECONDS },
    ],
  },
};

const ceilingWhy = (scaling: ConsumerScaling) =>
  `From libs/contracts: ${scaling.topics.map((t) => `${t.name} has ${t.partitions} partitions`).join(', ')}; a replica past that would own no partition of it.`;

const behaviorComments = (prefix: readonly string[]): PathComment[] => [
  { path: [...prefix, 'scaleUp', 'policies', 0], text: SCALE_UP_PODS.why },
  { path: [...prefix, 'scaleDown', 'stabilizationWindowSeconds'], text: SCALE_DOWN_WINDOW.why },
  { path: [...prefix, 'scaleDown', 'policies', 0], text: SCALE_DOWN_PODS.why },
];

/**
 * The autoscaler of a service, from the contracts catalog (groups, topics, partition counts)
 * and the scaling policy (thresholds, speeds). Consumers get a KEDA ScaledObject with one Kafka
 * trigger per consumed topic, each on the group that consumes it, and a CPU trigger; ingest gets a CPU HorizontalPodAutoscaler.
 */
export function buildAutoscaling(service: ServiceId): AutoscalingManifest {
  const scaling = consumerScaling(service);
  const policy = SCALING_POLICY[service];
  const labels = { 'app.kubernetes.io/name': service };
  if (policy.autoscaler === 'hpa')
    return {
      object: {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: service, labels },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: service },
          minReplicas: policy.minReplicas.value,
          maxReplicas: scaling.replicaCeiling,
          metrics: [
            {
              type: 'Resource',
              resource: {
                name: 'cpu',
                target: { type: 'Utilization', averageUtilization: policy.cpuUtilization.value },
              },
            },
          ],
          behavior,
        },
      },
      comments: [
        { path: ['spec', 'minReplicas'], text: policy.minReplicas.why },
        {
          path: ['spec', 'maxReplicas'],
          text: `${ceilingWhy(scaling)} Ingest also consumes it (group ${scaling.groupId}); more HTTP capacity than that means splitting the HTTP side into its own Deployment (docs/deployment.md).`,
        },
        { path: ['spec', 'metrics', 0], text: policy.cpuUtilization.why },
        ...behaviorComments(['spec', 'behavior']),
      ],
    };
  const lag = policy.lagThreshold;
  if (lag === undefined) throw new RangeError(`${service} scales on lag but has no lagThreshold`);
  return {
    object: {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      metadata: { name: service, labels },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: service },
        pollingInterval: POLLING_INTERVAL.value,
        minReplicaCount: policy.minReplicas.value,
        maxReplicaCount: scaling.replicaCeiling,
        advanced: { horizontalPodAutoscalerConfig: { behavior } },
        triggers: [
          ...scaling.topics.map((topic) => ({
            type: 'kafka',
            metadata: {
              bootstrapServersFromEnv: 'KAFKA_BROKERS',
              consumerGroup: topic.groupId,
              topic: topic.name,
              lagThreshold: String(lag.value),
              offsetResetPolicy: 'earliest',
              allowIdleConsumers: 'false',
              limitToPartitionsWithLag: 'true',
              scaleToZeroOnInvalidOffset: 'false',
            },
          })),
          {
            type: 'cpu',
            metricType: 'Utilization',
            metadata: { value: String(policy.cpuUtilization.value) },
          },
        ],
      },
    },
    comments: [
      { path: ['spec', 'pollingInterval'], text: POLLING_INTERVAL.why },
      { path: ['spec', 'minReplicaCount'], text: policy.minReplicas.why },
      { path: ['spec', 'maxReplicaCount'], text: ceilingWhy(scaling) },
      ...behaviorComments(['spec', 'advanced', 'horizontalPodAutoscalerConfig', 'behavior']),
      {
        path: ['spec', 'triggers', 0, 'metadata', 'bootstrapServersFromEnv'],
        text: "The brokers come from the Deployment's environment (ConfigMap rtml-common), the same value the service reads.",
      },
      { path: ['spec', 'triggers', 0, 'metadata', 'lagThreshold'], text: lag.why },
      {
        path: ['spec', 'triggers', 0, 'metadata', 'offsetResetPolicy'],
        text: 'As the consumers: a group without a committed offset starts at the earliest one, so all of it is lag.',
      },
      {
        path: ['spec', 'triggers', 0, 'metadata', 'limitToPartitionsWithLag'],
        text: 'A backlog on a few partitions (a hot customer) cannot use more replicas than partitions with lag.',
      },
      ...scaling.topics.flatMap((topic, index) =>
        topic.groupId === scaling.groupId
          ? []
          : [
              {
                path: ['spec', 'triggers', index],
                text: `${topic.groupId} (CONSUMER_GROUPS.${topic.group}) is a second stage in the same pods, so its lag scales them too, at the same threshold.`,
              },
            ],
      ),
      {
        path: ['spec', 'triggers', scaling.topics.length],
        text: `${policy.cpuUtilization.why} Also the fallback: when the lag cannot be read, the HPA still scales up on CPU (and never down on a missing metric).`,
      },
    ],
  };
}
