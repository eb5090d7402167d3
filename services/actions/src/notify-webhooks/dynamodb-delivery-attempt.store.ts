import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { toDynamoDbError } from '../shared/dynamodb-error.mapper';
import { DeliveryAttemptStore } from './delivery-attempt.store';
import type { AttemptClaim, AttemptResult } from './delivery-attempt.store';

export interface DynamoDbDeliveryAttemptOptions {
  /** The alert-state table (see `alertStateTableDefinition`): items `delivery#<deliveryId>`. */
  readonly tableName: string;
  /**
   * How long a counter is kept, from its last attempt (wall clock: attempts happen now, whatever
   * the event time). It must outlive every copy of the delivery on the deliveries topic, or a
   * late copy would find no counter and start again.
   */
  readonly keepForMs: number;
  readonly now?: () => number;
}

/** A reason kept for a dead letter, not a log: bounded. */
const MAX_ERROR_CHARS = 512;

/**
 * Granted only while fewer than :max attempts are counted, no answer settled the delivery and
 * the last counted claim is not this one (a claim's write that timed out may have landed).
 */
const CLAIM_CONDITION =
  '(attribute_not_exists(#attempts) OR #attempts < :max) AND attribute_not_exists(#settled) AND (attribute_not_exists(#claim) OR #claim <> :token)';

/**
 * Attempt counters in the alert-state table. `claim` is one conditional UpdateItem: the
 * increment and the `attempts < max` check are a single atomic write, so two replicas (a zombie
 * and the partition's new owner, or two copies of one record) can never both get the last
 * attempt. A refused claim returns the item as it was (ReturnValuesOnConditionCheckFailure),
 * which says why without a second read, including that the last counted claim carried this
 * claim's token: the same attempt, resumed.
 */
export class DynamoDbDeliveryAttemptStore extends DeliveryAttemptStore {
  private readonly now: () => number;

  constructor(
    private readonly client: DynamoDBClient,
    private readonly options: DynamoDbDeliveryAttemptOptions,
  ) {
    super();
    this.now = options.now ?? Date.now;
  }

  async claim(deliveryId: string, maxAttempts: number, token: string): Promise<AttemptClaim> {
    try {
      const output = await this.client.send(
        new UpdateItemCommand({
          TableName: this.options.tableName,
          Key: keyOf(deliveryId),
          UpdateExpression:
            'SET #attempts = if_not_exists(#attempts, :zero) + :one, #claim = :token, #lastAttemptAt = :now, #expiresAt = :expiresAt',
          ConditionExpression: CLAIM_CONDITION,
          ExpressionAttributeNames: {
            '#attempts': 'attempts',
            '#settled': 'settled',
            '#claim': 'claim',
            '#lastAttemptAt': 'lastAttemptAt',
            '#expiresAt': 'expiresAt',
          },
          ExpressionAttributeValues: marshall({
            ':zero': 0,
            ':one': 1,
            ':max': maxAttempts,
            ':token': token,
            ':now': this.now(),
            ':expiresAt': this.expiresAt(),
          }),
          ReturnValues: 'UPDATED_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { kind: 'granted', attempt: Number(unmarshallOf(output.Attributes)['attempts']) };
    } catch (error) {
      const refused = conditionFailure(error);
      if (refused) return refusedBy(refused.Item, token);
      throw toDynamoDbError(error, `UpdateItem (attempt claim) on ${this.options.tableName}`);
    }
  }

  async record(deliveryId: string, result: AttemptResult): Promise<void> {
    const values: Record<string, unknown> = {
      ':status': result.status ?? null,
      ':error': result.error?.slice(0, MAX_ERROR_CHARS) ?? null,
    };
    let update = 'SET #lastStatus = :status, #lastError = :error';
    if (result.settled !== undefined) {
      update += ', #settled = :settled';
      values[':settled'] = result.settled;
    }
    await this.client
      .send(
        new UpdateItemCommand({
          TableName: this.options.tableName,
          Key: keyOf(deliveryId),
          UpdateExpression: update,
          // Only on a counter `claim` made: a record never creates an item without one.
          ConditionExpression: 'attribute_exists(#attempts)',
          ExpressionAttributeNames: {
            '#attempts': 'attempts',
            '#lastStatus': 'lastStatus',
            '#lastError': 'lastError',
            ...(result.settled === undefined ? {} : { '#settled': 'settled' }),
          },
          ExpressionAttributeValues: marshall(values),
        }),
      )
      .catch((error: unknown) => {
        throw toDynamoDbError(error, `UpdateItem (attempt result) on ${this.options.tableName}`);
      });
  }

  private expiresAt(): number {
    return Math.floor((this.now() + this.options.keepForMs) / 1_000);
  }
}

function conditionFailure(
  error: unknown,
): { readonly Item?: Record<string, AttributeValue> } | undefined {
  const candidate = error as { name?: unknown; Item?: Record<string, AttributeValue> } | null;
  return candidate?.name === 'ConditionalCheckFailedException' ? candidate : undefined;
}

const keyOf = (deliveryId: string) => marshall({ pk: `delivery#${deliveryId}` });

const unmarshallOf = (item: Record<string, AttributeValue> | undefined) =>
  item === undefined ? {} : unmarshall(item);

function refusedBy(item: Record<string, AttributeValue> | undefined, token: string): AttemptClaim {
  const old = unmarshallOf(item);
  if (old['settled'] === 'delivered') return { kind: 'delivered' };
  if (old['claim'] === token && old['settled'] === undefined && typeof old['attempts'] === 'number')
    return { kind: 'granted', attempt: old['attempts'], resumed: true };
  return {
    kind: 'closed',
    attempts: typeof old['attempts'] === 'number' ? old['attempts'] : 0,
    ...(typeof old['lastStatus'] === 'number' ? { lastStatus: old['lastStatus'] } : {}),
    ...(typeof old['lastError'] === 'string' ? { lastError: old['lastError'] } : {}),
  };
}
