import {
  CONSUMER_GROUPS,
  CONSUMER_GROUP_KEYS,
  SERVICE_IDS,
  consumerGroupId,
  consumerGroupsOf,
} from './consumer-groups.catalog';
import type { AvroSchema } from './avro-schema.types';
import {
  SUBJECT_COMPATIBILITY,
  TOPIC_IDS,
  TOPICS,
  topicName,
  valueSubject,
} from './topics.catalog';

const topics = TOPIC_IDS.map((id) => TOPICS[id]);
const groups = CONSUMER_GROUP_KEYS.map((key) => CONSUMER_GROUPS[key]);

const fieldType = (id: (typeof TOPIC_IDS)[number], field: string): AvroSchema | undefined =>
  TOPICS[id].valueSchema.fields.find((candidate) => candidate.name === field)?.type;

describe('the topic catalog', () => {
  it('lists every topic id exactly once', () => {
    expect([...TOPIC_IDS].sort()).toEqual(Object.keys(TOPICS).sort());
    for (const id of TOPIC_IDS) expect(TOPICS[id].id).toBe(id);
  });

  it('gives every topic a distinct name', () => {
    const names = topics.map((topic) => topic.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('gives every topic a record schema in the io.rtml.v1 namespace', () => {
    for (const topic of topics) {
      expect(topic.valueSchema).toMatchObject({ type: 'record', namespace: 'io.rtml.v1' });
    }
  });

  it('names value subjects with the TopicNameStrategy, prefix included', () => {
    for (const { id, name } of topics) {
      expect(valueSubject(id)).toBe(`${name}-value`);
      expect(valueSubject(id, 'it-42')).toBe(`it-42.${name}-value`);
    }
  });

  it('holds every subject to BACKWARD compatibility', () => {
    expect(SUBJECT_COMPATIBILITY).toBe('BACKWARD');
    for (const topic of topics) expect(topic.compatibility).toBe('BACKWARD');
  });

  it('creates every topic with a whole number of partitions, at least one', () => {
    for (const topic of topics) {
      expect(Number.isInteger(topic.partitions)).toBe(true);
      expect(topic.partitions).toBeGreaterThanOrEqual(1);
    }
  });

  it('keys every topic by a string field of its value, or says it has no key field', () => {
    for (const { id, key } of topics) {
      if (key.field === null) continue;
      expect([id, fieldType(id, key.field)]).toEqual([
        id,
        key.nullable ? ['null', 'string'] : 'string',
      ]);
    }
  });

  it('gives every topic a positive retention and a producer', () => {
    for (const topic of topics) {
      expect(topic.retention.retentionMs).toBeGreaterThan(0);
      expect(topic.producers.length).toBeGreaterThan(0);
    }
  });
});

describe('the consumer groups', () => {
  it('list every group key exactly once', () => {
    expect([...CONSUMER_GROUP_KEYS].sort()).toEqual(Object.keys(CONSUMER_GROUPS).sort());
  });

  it('give every service a group of its own, named after it and listed first', () => {
    for (const service of SERVICE_IDS) {
      expect(CONSUMER_GROUPS[service].service).toBe(service);
      expect(consumerGroupsOf(service)[0]).toBe(service);
    }
    expect(consumerGroupsOf('actions')).toEqual(['actions', 'webhookDeliveries', 'actionsLabels']);
  });

  it('have distinct group ids', () => {
    const ids = groups.map((group) => group.groupId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('consume and produce only catalogued topics', () => {
    for (const { consumes, produces } of groups) {
      for (const id of [...consumes, ...produces]) expect(TOPIC_IDS).toContain(id);
    }
  });

  it('agree with the catalog on who produces each topic', () => {
    for (const { id, producers } of topics) {
      const writers = new Set(
        groups.filter((group) => group.produces.includes(id)).map((group) => group.service),
      );
      expect([id, [...writers].sort()]).toEqual([
        id,
        producers.filter((p) => p !== 'external').sort(),
      ]);
    }
  });

  it('leave no pipeline topic unconsumed except the ones users consume', () => {
    const consumed = new Set(groups.flatMap((group) => group.consumes));
    const unconsumed = TOPIC_IDS.filter((id) => !consumed.has(id));
    expect(unconsumed).toEqual(['alerts', 'modelAlerts', 'deadLetters']);
  });
});

describe('prefixed names', () => {
  it('put the prefix in front, separated by a dot', () => {
    expect(topicName('enrichedEvents')).toBe('features.enriched');
    expect(topicName('enrichedEvents', 'it-7f3a')).toBe('it-7f3a.features.enriched');
    expect(consumerGroupId('scoring', 'it-7f3a')).toBe('it-7f3a.rtml.scoring');
    expect(consumerGroupId('webhookDeliveries', 'it-7f3a')).toBe('it-7f3a.rtml.actions.webhooks');
    expect(consumerGroupId('actionsLabels', 'it-7f3a')).toBe('it-7f3a.rtml.actions.labels');
  });

  it('treat an empty prefix as none', () => {
    expect(topicName('deadLetters', '')).toBe('events.dlq');
  });

  it('refuse a prefix Kafka would not accept in a topic name', () => {
    expect(() => topicName('alerts', 'my tests')).toThrow(RangeError);
    expect(() => topicName('alerts', 'x'.repeat(250))).toThrow('not a legal Kafka name');
  });
});
