import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Kafka } from 'kafkajs';
import { Redis } from 'ioredis';
import { CONSUMER_GROUP_KEYS, TOPIC_IDS, consumerGroupId, topicName } from '@rtml/contracts';
import { AvroSerde, TopicAdmin, provisionContracts } from '@rtml/kafka';
import { deleteSubjects } from '@rtml/local-stack';

/**
 * The isolated part of the shared stack one scale test (or one fault of the fault suite) uses:
 * nothing else shares these names.
 */
export interface ScaleSlice {
  readonly id: string;
  readonly topicPrefix: string;
  readonly redisKeyPrefix: string;
  readonly scoresTable: string;
  readonly alertStateTable: string;
  readonly labelsTable: string;
  readonly qualityTable: string;
  /** The environment every service of the test is launched with. */
  readonly env: Readonly<Record<string, string>>;
}

/**
 * A slice named `id`: the topic prefix, `<id>:` Redis keys, and the tables `<id>-scores`,
 * `<id>-alert-state`, `<id>-labels` and `<id>-quality`.
 */
export function newSlice(id = `scale-${Date.now().toString(36)}`): ScaleSlice {
  const slice = {
    id,
    topicPrefix: id,
    redisKeyPrefix: `${id}:`,
    scoresTable: `${id}-scores`,
    alertStateTable: `${id}-alert-state`,
    labelsTable: `${id}-labels`,
    qualityTable: `${id}-quality`,
  };
  return {
    ...slice,
    env: {
      TOPIC_PREFIX: slice.topicPrefix,
      REDIS_KEY_PREFIX: slice.redisKeyPrefix,
      SCORES_TABLE: slice.scoresTable,
      ALERT_STATE_TABLE: slice.alertStateTable,
      LABELS_TABLE: slice.labelsTable,
      QUALITY_TABLE: slice.qualityTable,
      CREATE_TABLE: 'true',
    },
  };
}

/** Creates the slice's contract topics (with the catalog's partition counts) and subjects. */
export async function provisionSlice(
  kafka: Kafka,
  registryUrl: string,
  slice: ScaleSlice,
): Promise<void> {
  const admin = new TopicAdmin(kafka);
  try {
    await provisionContracts(admin, new AvroSerde(registryUrl), slice.topicPrefix);
  } finally {
    await admin.disconnect();
  }
}

export interface SliceClients {
  readonly kafka: Kafka;
  readonly registryUrl: string;
  readonly redisUrl: string;
  readonly dynamodb: DynamoDBClient;
}

/**
 * Removes everything the slice created: the services' consumer groups, the topics, the
 * registry subjects (soft then permanent delete, as the registry requires), the tables and the
 * Redis keys. Each part is attempted even if another fails; returns what could not be removed.
 */
export async function cleanUpSlice(clients: SliceClients, slice: ScaleSlice): Promise<string[]> {
  const problems: string[] = [];
  const attempt = async (what: string, work: () => Promise<unknown>) => {
    await work().catch((error: unknown) => problems.push(`${what}: ${String(error)}`));
  };
  const admin = clients.kafka.admin();
  await attempt('kafka', async () => {
    await admin.connect();
    try {
      const groups = CONSUMER_GROUP_KEYS.map((group) => consumerGroupId(group, slice.topicPrefix));
      await admin.deleteGroups(groups).catch(() => undefined); // a group never joined is fine
      const existing = new Set(await admin.listTopics());
      const topics = TOPIC_IDS.map((id) => topicName(id, slice.topicPrefix));
      const ours = topics.filter((topic) => existing.has(topic));
      if (ours.length > 0) await admin.deleteTopics({ topics: ours });
    } finally {
      await admin.disconnect();
    }
  });
  await attempt('subjects', () => deleteSubjects(clients.registryUrl, `${slice.topicPrefix}.`));
  for (const TableName of [
    slice.scoresTable,
    slice.alertStateTable,
    slice.labelsTable,
    slice.qualityTable,
  ])
    await attempt(`table ${TableName}`, () =>
      clients.dynamodb.send(new DeleteTableCommand({ TableName })).catch((error: unknown) => {
        if ((error as { name?: string }).name !== 'ResourceNotFoundException') throw error;
      }),
    );
  await attempt('redis', () => deleteKeys(clients.redisUrl, slice.redisKeyPrefix));
  return problems;
}

async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1_000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}
