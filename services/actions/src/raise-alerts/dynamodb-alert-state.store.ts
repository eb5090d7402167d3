import { TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import type { CancellationReason, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { Alert } from '@rtml/contracts';
import { AppError } from '@rtml/errors';
import { toDynamoDbError } from '../shared/dynamodb-error.mapper';
import {
  COOLDOWN_CONDITION,
  MARKER_ABSENT_CONDITION,
  verdictOfConditions,
  windowEndOf,
} from './alert-cooldown.policy';
import type { CooldownVerdict } from './alert-cooldown.policy';

const DAY_SECONDS = 86_400;

export interface AlertClaim {
  readonly verdict: CooldownVerdict;
  /** The alert to publish: for a `refire`, with the `createdAt` of its first firing. */
  readonly alert: Alert;
}

/** The port in front of the shared alert state (cooldown windows and fired-alert markers). */
export abstract class AlertStateStore {
  /** Decides and records, atomically, whether `alert` fires (see `cooldownVerdict`). */
  abstract claim(alert: Alert): Promise<AlertClaim>;
}

export interface DynamoDbAlertStateOptions {
  readonly tableName: string;
  readonly cooldownMs: number;
  /** How long the state outlives the event (as the scores' retention), in days. */
  readonly retentionDays: number;
}

/**
 * Alert state in DynamoDB, shared by every replica and kept across restarts. Each claim is one
 * transaction of two conditional writes: the entity's cooldown item moves to this alert's window
 * only if `COOLDOWN_CONDITION` holds, and the alert's marker is created only if absent. DynamoDB
 * says which condition failed, which gives the verdict without reading first; the marker is what
 * lets a redelivered batch re-fire an alert even after a later alert of the same entity moved the
 * window on.
 */
export class DynamoDbAlertStateStore extends AlertStateStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly options: DynamoDbAlertStateOptions,
  ) {
    super();
  }

  async claim(alert: Alert): Promise<AlertClaim> {
    try {
      await this.client.send(this.transaction(alert));
      return { verdict: 'fire', alert };
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons) throw toDynamoDbError(error, `TransactWriteItems on ${this.options.tableName}`);
      return this.claimFromCancellation(alert, reasons);
    }
  }

  private transaction(alert: Alert): TransactWriteItemsCommand {
    const { tableName: TableName, cooldownMs } = this.options;
    const expiresAt = (eventTime: number) =>
      Math.floor(eventTime / 1_000) + this.options.retentionDays * DAY_SECONDS;
    const windowEndsAt = windowEndOf(alert.eventTime, cooldownMs);
    return new TransactWriteItemsCommand({
      TransactItems: [
        {
          Update: {
            TableName,
            Key: marshall({ pk: `cooldown#${alert.entityId}` }),
            UpdateExpression:
              'SET #alertId = :alertId, #eventId = :eventId, #firedEventTime = :eventTime, #windowEndsAt = :windowEndsAt, #expiresAt = :expiresAt',
            ConditionExpression: COOLDOWN_CONDITION,
            ExpressionAttributeNames: {
              '#alertId': 'alertId',
              '#eventId': 'eventId',
              '#firedEventTime': 'firedEventTime',
              '#windowEndsAt': 'windowEndsAt',
              '#expiresAt': 'expiresAt',
            },
            ExpressionAttributeValues: marshall({
              ':alertId': alert.alertId,
              ':eventId': alert.eventId,
              ':eventTime': alert.eventTime,
              ':windowEndsAt': windowEndsAt,
              ':expiresAt': expiresAt(windowEndsAt),
            }),
          },
        },
        {
          Put: {
            TableName,
            Item: marshall({
              pk: `alert#${alert.alertId}`,
              alertId: alert.alertId,
              eventId: alert.eventId,
              entityId: alert.entityId,
              eventTime: alert.eventTime,
              createdAt: alert.createdAt,
              expiresAt: expiresAt(alert.eventTime),
            }),
            ConditionExpression: MARKER_ABSENT_CONDITION,
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
      ],
    });
  }

  private claimFromCancellation(alert: Alert, reasons: readonly CancellationReason[]): AlertClaim {
    const [cooldown, marker] = reasons;
    const failed = (reason: CancellationReason | undefined) =>
      reason?.Code === 'ConditionalCheckFailed';
    const settled = (reason: CancellationReason | undefined) =>
      reason?.Code === undefined || reason.Code === 'None' || failed(reason);
    if (!settled(cooldown) || !settled(marker))
      // A concurrent transaction on the same item (another replica mid-rebalance) or throttling.
      throw new AppError('DEPENDENCY_UNAVAILABLE', 'the alert-state transaction was cancelled', {
        details: { reasons: reasons.map((reason) => reason.Code ?? 'unknown') },
      });
    const verdict = verdictOfConditions(failed(cooldown), failed(marker));
    if (verdict !== 'refire') return { verdict, alert };
    const firstCreatedAt = marker?.Item ? unmarshall(marker.Item)['createdAt'] : undefined;
    return {
      verdict,
      alert: typeof firstCreatedAt === 'number' ? { ...alert, createdAt: firstCreatedAt } : alert,
    };
  }
}

function cancellationReasons(error: unknown): readonly CancellationReason[] | undefined {
  const candidate = error as { name?: unknown; CancellationReasons?: unknown } | null;
  return candidate?.name === 'TransactionCanceledException' &&
    Array.isArray(candidate.CancellationReasons)
    ? (candidate.CancellationReasons as CancellationReason[])
    : undefined;
}
