import { SERVICE_IDS, consumerGroupsOf } from '@rtml/contracts';
import type { ServiceId } from '@rtml/contracts';
import { SCALING_POLICY } from '../autoscaling/autoscaling.policy';
import { consumerScaling } from '../autoscaling/consumer-scaling.catalog';
import { containerEnvironment } from '../manifests/pod-environment';
import { ofKind } from '../manifests/k8s-object.model';
import type {
  IDeployment,
  IHorizontalPodAutoscaler,
  IScaledObject,
  K8sObject,
} from '../manifests/k8s-object.model';

type Trigger = NonNullable<IScaledObject['spec']>['triggers'][number];

function kafkaTriggerProblems(
  who: string,
  service: ServiceId,
  triggers: readonly Trigger[],
  env: Map<string, string>,
): string[] {
  const scaling = consumerScaling(service);
  const kafka = triggers.filter((t) => t.type === 'kafka');
  const problems: string[] = [];
  const watched = kafka.map((t) => t.metadata['topic']);
  const groups = consumerGroupsOf(service)
    .map((group) => `CONSUMER_GROUPS.${group}`)
    .join(', ');
  const groupIds = new Set(scaling.topics.map((t) => t.groupId));
  for (const topic of scaling.topics)
    if (!watched.includes(topic.name))
      problems.push(
        `${who} has no kafka trigger for ${topic.name}, which ${topic.groupId} consumes (CONSUMER_GROUPS.${topic.group})`,
      );
  for (const trigger of kafka) {
    const { topic, consumerGroup, lagThreshold, bootstrapServers, bootstrapServersFromEnv } =
      trigger.metadata;
    const consumed = scaling.topics.find((t) => t.name === topic);
    if (consumed === undefined)
      problems.push(
        `${who} watches topic ${topic}, which ${service} does not consume (${groups}: ${scaling.topics.map((t) => t.name).join(', ')})`,
      );
    if (!groupIds.has(consumerGroup ?? ''))
      problems.push(
        `${who} watches group ${consumerGroup}, which is none of ${service}'s (${groups}: ${[...groupIds].join(', ')})`,
      );
    else if (consumed !== undefined && consumerGroup !== consumed.groupId)
      problems.push(
        `${who} watches ${topic} as group ${consumerGroup}, but CONSUMER_GROUPS.${consumed.group} (${consumed.groupId}) consumes it`,
      );
    if (!/^[1-9]\d*$/.test(lagThreshold ?? ''))
      problems.push(
        `${who}'s lagThreshold for ${topic} is ${lagThreshold}, expected a positive integer`,
      );
    if (bootstrapServers === undefined && !env.get(bootstrapServersFromEnv ?? ''))
      problems.push(
        `${who} reads the brokers from ${bootstrapServersFromEnv}, which ${service}'s environment does not set`,
      );
  }
  if (!triggers.some((t) => t.type === 'cpu'))
    problems.push(`${who} has no cpu trigger (the fallback when the lag cannot be read)`);
  return problems;
}

function boundsProblems(
  who: string,
  service: ServiceId,
  min: number | undefined,
  max: number | undefined,
): string[] {
  const scaling = consumerScaling(service);
  const problems: string[] = [];
  if (max === undefined) problems.push(`${who} sets no maximum replica count`);
  else if (max > scaling.replicaCeiling) {
    const smallest = scaling.topics.find((t) => t.partitions === scaling.replicaCeiling);
    problems.push(
      `${who} allows ${max} replicas, but ${smallest?.name} has ${scaling.replicaCeiling} partitions (libs/contracts TOPICS)`,
    );
  }
  if (min === undefined || min < 1)
    problems.push(`${who}'s minimum is ${min ?? 'unset'}, expected at least 1`);
  else if (max !== undefined && min > max)
    problems.push(`${who}'s minimum ${min} exceeds its maximum ${max}`);
  return problems;
}

/**
 * Autoscaling of a rendered overlay against the contracts catalog: the right autoscaler per
 * service, aimed at its Deployment; replica bounds within the partition count of every topic it
 * consumes; kafka triggers on exactly its consumer groups' topics, each with the group that
 * consumes it; and no topic prefix, since
 * the triggers name unprefixed topics.
 */
export function scalingProblems(overlay: string, objects: readonly K8sObject[]): string[] {
  const problems: string[] = [];
  const deployments = new Map(
    ofKind<IDeployment>(objects, 'Deployment').map((d) => [d.metadata?.name, d]),
  );
  for (const service of SERVICE_IDS) {
    const container = deployments.get(service)?.spec?.template.spec?.containers[0];
    if (container === undefined) {
      problems.push(`${overlay}: there is no Deployment ${service}`);
      continue;
    }
    const env = containerEnvironment(container, objects);
    if ((env.get('TOPIC_PREFIX') ?? '') !== '')
      problems.push(
        `${overlay}: ${service} runs with TOPIC_PREFIX=${env.get('TOPIC_PREFIX')}, but its autoscaler watches unprefixed topics`,
      );
    if (SCALING_POLICY[service].autoscaler === 'keda') {
      const scaled = ofKind<IScaledObject>(objects, 'ScaledObject').filter(
        (s) => s.spec?.scaleTargetRef.name === service,
      );
      if (scaled.length !== 1) {
        problems.push(
          `${overlay}: ${service} has ${scaled.length} ScaledObjects aimed at it, expected 1`,
        );
        continue;
      }
      const spec = scaled[0]?.spec;
      const who = `${overlay}: ${service}'s ScaledObject`;
      problems.push(
        ...boundsProblems(who, service, spec?.minReplicaCount, spec?.maxReplicaCount),
        ...kafkaTriggerProblems(who, service, spec?.triggers ?? [], env),
      );
    } else {
      const hpas = ofKind<IHorizontalPodAutoscaler>(objects, 'HorizontalPodAutoscaler').filter(
        (h) => h.spec?.scaleTargetRef.name === service,
      );
      if (hpas.length !== 1) {
        problems.push(
          `${overlay}: ${service} has ${hpas.length} HorizontalPodAutoscalers aimed at it, expected 1`,
        );
        continue;
      }
      const spec = hpas[0]?.spec;
      const who = `${overlay}: ${service}'s HorizontalPodAutoscaler`;
      problems.push(...boundsProblems(who, service, spec?.minReplicas, spec?.maxReplicas));
      if (!(spec?.metrics ?? []).some((m) => m.resource?.name === 'cpu'))
        problems.push(`${who} does not scale on CPU`);
    }
    if (container.resources?.requests?.['cpu'] === undefined)
      problems.push(
        `${overlay}: ${service} has no CPU request, so CPU utilisation cannot be computed`,
      );
  }
  return problems;
}
