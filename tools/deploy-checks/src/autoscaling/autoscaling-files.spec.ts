import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONSUMER_GROUPS, TOPICS, topicName } from '@rtml/contracts';
import { parse } from 'yaml';
import { ROOT } from '../workspace/workspace.paths';
import { buildAutoscaling } from './autoscaling.builder';
import { generatedAutoscalingFiles } from './autoscaling-files';
import { consumerScaling } from './consumer-scaling.catalog';

/** Paths (a.b.0.c) where two parsed YAML values differ, with both values. */
function differences(actual: unknown, expected: unknown, path = ''): string[] {
  if (
    typeof actual === 'object' &&
    actual !== null &&
    typeof expected === 'object' &&
    expected !== null
  ) {
    const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
    return [...keys].flatMap((key) =>
      differences(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        path ? `${path}.${key}` : key,
      ),
    );
  }
  return Object.is(actual, expected)
    ? []
    : [`${path} is ${JSON.stringify(actual)}, the sources say ${JSON.stringify(expected)}`];
}

describe('generated autoscalers (k8s/base/*/autoscaling.generated.yaml)', () => {
  it.each([...generatedAutoscalingFiles()])(
    '%s matches the contracts catalog and the scaling policy',
    (file, expected) => {
      const committed = readFileSync(join(ROOT, file), 'utf8');
      const drift = differences(parse(committed), parse(expected)).map((d) => `${file}: ${d}`);
      expect(drift).toEqual([]);
      // Same values but other text (a hand edit of a comment): regenerate as well.
      expect({ file, upToDate: committed === expected }).toEqual({ file, upToDate: true });
    },
  );
});

describe('consumerScaling', () => {
  it('caps a service at the partition count of the smallest topic its group consumes', () => {
    const scaling = consumerScaling('features');
    expect(scaling.groupId).toBe(CONSUMER_GROUPS.features.groupId);
    expect(scaling.topics.map((t) => t.name)).toEqual([
      topicName('transactions'),
      topicName('labels'),
    ]);
    expect(scaling.replicaCeiling).toBe(
      Math.min(TOPICS.transactions.partitions, TOPICS.labels.partitions),
    );
  });
});

describe('buildAutoscaling', () => {
  it('gives each consumer a kafka trigger per consumed topic on its own group, and a cpu trigger', () => {
    const spec = buildAutoscaling('features').object['spec'] as {
      maxReplicaCount: number;
      triggers: { type: string; metadata: Record<string, string> }[];
    };
    expect(
      spec.triggers.map((t) => [t.type, t.metadata['topic'], t.metadata['consumerGroup']]),
    ).toEqual([
      ['kafka', 'transactions', 'rtml.features'],
      ['kafka', 'labels', 'rtml.features'],
      ['cpu', undefined, undefined],
    ]);
    expect(spec.maxReplicaCount).toBe(TOPICS.transactions.partitions);
  });

  it('watches the delivery worker and the label stage of actions on their own groups, beside the predictions consumer', () => {
    const spec = buildAutoscaling('actions').object['spec'] as {
      triggers: { type: string; metadata: Record<string, string> }[];
    };
    expect(
      spec.triggers.map((t) => [t.type, t.metadata['topic'], t.metadata['consumerGroup']]),
    ).toEqual([
      ['kafka', topicName('predictions'), CONSUMER_GROUPS.actions.groupId],
      ['kafka', topicName('webhookDeliveries'), CONSUMER_GROUPS.webhookDeliveries.groupId],
      ['kafka', topicName('labels'), CONSUMER_GROUPS.actionsLabels.groupId],
      ['cpu', undefined, undefined],
    ]);
  });

  it('scales ingest with a CPU HorizontalPodAutoscaler capped at the raw topic partitions', () => {
    const hpa = buildAutoscaling('ingest').object;
    expect(hpa['kind']).toBe('HorizontalPodAutoscaler');
    expect((hpa['spec'] as { maxReplicas: number }).maxReplicas).toBe(TOPICS.rawEvents.partitions);
  });
});
