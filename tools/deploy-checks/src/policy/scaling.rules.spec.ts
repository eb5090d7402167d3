import { CONSUMER_GROUPS, TOPICS, topicName } from '@rtml/contracts';
import type { K8sObject } from '../manifests/k8s-object.model';
import { scalingProblems } from './scaling.rules';
import { environmentProblems, REQUIRED_ENDPOINTS } from './environment.rules';
import { configMapData, hpaOf, renderedOverlay, scaledObjectOf } from './rendered-overlay.fixture';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../workspace/workspace.paths';
import { configFile } from '../sources/service-port.reader';

/** The problems an edit adds to the committed overlay (whatever that one has is not counted twice). */
function introduced(
  rule: (overlay: string, objects: readonly K8sObject[]) => string[],
  overlay: string,
  edited: readonly K8sObject[],
): string[] {
  const committed = rule(overlay, renderedOverlay(overlay));
  return rule(overlay, edited).filter((problem) => !committed.includes(problem));
}

describe('scalingProblems', () => {
  let prod: K8sObject[];
  beforeEach(() => {
    prod = renderedOverlay('prod');
  });

  it('refuses more replicas than the topic has partitions, naming the topic', () => {
    const spec = scaledObjectOf(prod, 'scoring').spec;
    if (spec) spec.maxReplicaCount = TOPICS.enrichedEvents.partitions + 8;
    expect(introduced(scalingProblems, 'prod', prod)).toEqual([
      `prod: scoring's ScaledObject allows ${TOPICS.enrichedEvents.partitions + 8} replicas, but ${topicName('enrichedEvents')} has ${TOPICS.enrichedEvents.partitions} partitions (libs/contracts TOPICS)`,
    ]);
  });

  it('holds ingest to the partitions of the raw topic it also consumes', () => {
    const spec = hpaOf(prod, 'ingest').spec;
    if (spec) spec.maxReplicas = 40;
    expect(introduced(scalingProblems, 'prod', prod)).toEqual([
      `prod: ingest's HorizontalPodAutoscaler allows 40 replicas, but events.raw has ${TOPICS.rawEvents.partitions} partitions (libs/contracts TOPICS)`,
    ]);
  });

  it('refuses a trigger on another consumer group or topic than the catalog says', () => {
    const [trigger] = scaledObjectOf(prod, 'actions').spec?.triggers ?? [];
    if (trigger)
      trigger.metadata = { ...trigger.metadata, consumerGroup: 'rtml.action', topic: 'alerts' };
    const groups =
      'CONSUMER_GROUPS.actions, CONSUMER_GROUPS.webhookDeliveries, CONSUMER_GROUPS.actionsLabels';
    const { actions, webhookDeliveries, actionsLabels } = CONSUMER_GROUPS;
    expect(introduced(scalingProblems, 'prod', prod)).toEqual([
      `prod: actions's ScaledObject has no kafka trigger for predictions, which ${actions.groupId} consumes (CONSUMER_GROUPS.actions)`,
      `prod: actions's ScaledObject watches topic alerts, which actions does not consume (${groups}: predictions, ${topicName('webhookDeliveries')}, ${topicName('labels')})`,
      `prod: actions's ScaledObject watches group rtml.action, which is none of actions's (${groups}: ${actions.groupId}, ${webhookDeliveries.groupId}, ${actionsLabels.groupId})`,
    ]);
  });

  it("refuses a trigger on one of the service's topics with its other group", () => {
    const triggers = scaledObjectOf(prod, 'actions').spec?.triggers ?? [];
    const deliveries = triggers.find((t) => t.metadata['topic'] === topicName('webhookDeliveries'));
    if (deliveries)
      deliveries.metadata = {
        ...deliveries.metadata,
        consumerGroup: CONSUMER_GROUPS.actions.groupId,
      };
    expect(introduced(scalingProblems, 'prod', prod)).toEqual([
      `prod: actions's ScaledObject watches ${topicName('webhookDeliveries')} as group ${CONSUMER_GROUPS.actions.groupId}, but CONSUMER_GROUPS.webhookDeliveries (${CONSUMER_GROUPS.webhookDeliveries.groupId}) consumes it`,
    ]);
  });

  it('refuses a scaler without its cpu fallback, and a topic prefix the triggers would not see', () => {
    const spec = scaledObjectOf(prod, 'features').spec;
    if (spec) spec.triggers = spec.triggers.filter((t) => t.type !== 'cpu');
    configMapData(prod, 'rtml-common')['TOPIC_PREFIX'] = 'blue';
    const problems = introduced(scalingProblems, 'prod', prod);
    expect(problems).toContain(
      "prod: features's ScaledObject has no cpu trigger (the fallback when the lag cannot be read)",
    );
    expect(problems).toContain(
      'prod: features runs with TOPIC_PREFIX=blue, but its autoscaler watches unprefixed topics',
    );
  });
});

describe('environmentProblems', () => {
  it('names an endpoint an overlay forgot, which would silently default to 127.0.0.1', () => {
    const dev = renderedOverlay('dev');
    delete configMapData(dev, 'scoring')['S3_ENDPOINT'];
    expect(introduced(environmentProblems, 'dev', dev)).toEqual([
      'dev: scoring gets no S3_ENDPOINT, so it would use its local-stack default (127.0.0.1)',
    ]);
  });

  it.each(Object.entries(REQUIRED_ENDPOINTS))(
    'lists for %s only variables its config reads',
    (service, names) => {
      const source = readFileSync(join(ROOT, configFile(service)), 'utf8');
      const read = (name: string) =>
        source.includes(name) ||
        (source.includes('kafkaFields') &&
          ['KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL'].includes(name)) ||
        (source.includes('redisFields') && name === 'REDIS_URL');
      expect(names.filter((name) => !read(name))).toEqual([]);
    },
  );
});
