import type {
  CreateTableCommandInput,
  UpdateTimeToLiveCommandInput,
} from '@aws-sdk/client-dynamodb';

/** The GSI that serves "scores of an entity over a time range" with a Query, never a Scan. */
export const BY_ENTITY_INDEX = 'byEntity';

/** The labels table's GSI: a day's labels (by the labelled transaction's UTC day) in one Query. */
export const BY_TRANSACTION_DAY_INDEX = 'byTransactionDay';

/** The TTL attribute of every table, epoch seconds. */
export const TTL_ATTRIBUTE = 'expiresAt';

/**
 * Everything a provisioning job needs to create a table as the service expects it: the table
 * (keys, indexes, billing) and its TTL setting, which DynamoDB only accepts once the table exists.
 * Names of tables, keys and the index are API: renaming one strands the data behind it.
 */
export interface TableDefinition {
  readonly create: CreateTableCommandInput;
  readonly timeToLive: UpdateTimeToLiveCommandInput;
  /** Global secondary indexes the service queries; boot refuses a table without them. */
  readonly requiredIndexes: readonly string[];
}

/**
 * The scores table: one item per scored event (partition key `eventId`, so a redelivered
 * prediction overwrites its own item), and the GSI `byEntity` (entityId, eventTimeId) projecting
 * keys only, so an entity's page is one Query and one BatchGetItem. Tables made earlier with an
 * index projecting every attribute are served as they are (their index rows are whole items).
 */
export function scoresTableDefinition(tableName: string): TableDefinition {
  return {
    create: {
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'eventId', AttributeType: 'S' },
        { AttributeName: 'entityId', AttributeType: 'S' },
        { AttributeName: 'eventTimeId', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'eventId', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: BY_ENTITY_INDEX,
          KeySchema: [
            { AttributeName: 'entityId', KeyType: 'HASH' },
            { AttributeName: 'eventTimeId', KeyType: 'RANGE' },
          ],
          // Keys only: every prediction writes the table and the index, and a copy of the whole
          // item (about 1.7 KB) in the index doubled what DynamoDB stores per prediction. A page
          // of the scores API reads its items with one BatchGetItem instead.
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    },
    timeToLive: ttlOn(tableName),
    requiredIndexes: [BY_ENTITY_INDEX],
  };
}

/**
 * The same table with another projection on its indexes: how tables made before the keys-only
 * index look (`ALL`), for the tests and the bench that compare the two.
 */
export function withIndexProjection(
  definition: TableDefinition,
  projection: 'ALL' | 'KEYS_ONLY',
): TableDefinition {
  const indexes = definition.create.GlobalSecondaryIndexes ?? [];
  return {
    ...definition,
    create: {
      ...definition.create,
      GlobalSecondaryIndexes: indexes.map((index) => ({
        ...index,
        Projection: { ProjectionType: projection },
      })),
    },
  };
}

/**
 * The alert-state table: per entity, the cooldown window of its last alert
 * (`cooldown#<entityId>`), per fired alert a marker (`alert#<alertId>`), per webhook delivery
 * its attempt counter (`delivery#<deliveryId>`, see `DynamoDbDeliveryAttemptStore`), and the
 * service's one event clock (`clock#events`, see `DynamoDbEventClock`). It is a
 * table of its own, not items in the scores table, because score items are keyed by
 * producer-chosen event ids: an event id spelled like a cooldown key would otherwise overwrite an
 * entity's cooldown.
 */
export function alertStateTableDefinition(tableName: string): TableDefinition {
  return {
    create: {
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    },
    timeToLive: ttlOn(tableName),
    requiredIndexes: [],
  };
}

/**
 * The labels table: per labelled event, its newest label (partition key `eventId`, the labelled
 * transaction's id, so a label and its score share a key and a page of scores reads its labels
 * with one BatchGetItem). A table of its own: labels arrive on their own topic, before or after
 * their prediction, and a label stored first waits here for it.
 */
export function labelsTableDefinition(tableName: string): TableDefinition {
  return {
    create: {
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'eventId', AttributeType: 'S' },
        { AttributeName: 'transactionDay', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'eventId', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          // Online quality reads a day's labels at once. Labels are a small stream (the frauds
          // and the confirmed genuine), so the index carries whole items.
          IndexName: BY_TRANSACTION_DAY_INDEX,
          KeySchema: [
            { AttributeName: 'transactionDay', KeyType: 'HASH' },
            { AttributeName: 'eventId', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    },
    timeToLive: ttlOn(tableName),
    requiredIndexes: [BY_TRANSACTION_DAY_INDEX],
  };
}

/**
 * The quality table: per UTC day of event time (partition key `day`), the quality rows of every
 * delivered batch (sort key `batch`: input partition, first offset, chunk), so the online
 * quality of any model over a day is one Query, never a Scan of the scores (see
 * `QualityItem`).
 */
export function qualityTableDefinition(tableName: string): TableDefinition {
  return {
    create: {
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'day', AttributeType: 'S' },
        { AttributeName: 'batch', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'day', KeyType: 'HASH' },
        { AttributeName: 'batch', KeyType: 'RANGE' },
      ],
    },
    timeToLive: ttlOn(tableName),
    requiredIndexes: [],
  };
}

/** The names of the tables actions uses (SCORES_TABLE, ALERT_STATE_TABLE, ...). */
export interface ActionsTableNames {
  readonly scoresTable: string;
  readonly alertStateTable: string;
  readonly labelsTable: string;
  readonly qualityTable: string;
}

/** Every table actions needs, in the order boot and the provisioning job make sure of them. */
export const actionsTableDefinitions = (names: ActionsTableNames): TableDefinition[] => [
  scoresTableDefinition(names.scoresTable),
  alertStateTableDefinition(names.alertStateTable),
  labelsTableDefinition(names.labelsTable),
  qualityTableDefinition(names.qualityTable),
];

const ttlOn = (tableName: string): UpdateTimeToLiveCommandInput => ({
  TableName: tableName,
  TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
});
