import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { toDynamoDbError } from '../shared/dynamodb-error.mapper';
import { EventClock } from './event-clock.store';
import type { ClockTick } from './event-clock.store';

/** The clock's item in the alert-state table (its keys are prefixed; no event id is one). */
export const EVENT_CLOCK_KEY = 'clock#events';

/**
 * The event clock as one item of the alert-state table, moved by a conditional write
 * (`eventTime < :eventTime`): the maximum wins whichever replica writes last, and a write that
 * would move it back is refused by DynamoDB, which is the outcome wanted. Each instance
 * remembers the latest time it knows the clock has reached, so a batch older than that writes
 * nothing (the clock never moves back, so the memory stays true). Reads are consistent.
 */
export class DynamoDbEventClock extends EventClock {
  private knownAtLeast = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly client: DynamoDBClient,
    private readonly options: { readonly tableName: string },
  ) {
    super();
  }

  async advance(tick: ClockTick): Promise<void> {
    if (tick.eventTime <= this.knownAtLeast) return;
    const { tableName: TableName } = this.options;
    await this.client
      .send(
        new UpdateItemCommand({
          TableName,
          Key: marshall({ pk: EVENT_CLOCK_KEY }),
          UpdateExpression: 'SET #eventTime = :eventTime, #eventId = :eventId',
          ConditionExpression: 'attribute_not_exists(#eventTime) OR #eventTime < :eventTime',
          ExpressionAttributeNames: { '#eventTime': 'eventTime', '#eventId': 'eventId' },
          ExpressionAttributeValues: marshall({
            ':eventTime': tick.eventTime,
            ':eventId': tick.eventId,
          }),
        }),
      )
      .catch((error: unknown) => {
        // Another replica moved it as far or further: it is at least this time already.
        if ((error as { name?: unknown }).name === 'ConditionalCheckFailedException') return;
        throw toDynamoDbError(error, `UpdateItem ${EVENT_CLOCK_KEY} on ${TableName}`);
      });
    this.knownAtLeast = Math.max(this.knownAtLeast, tick.eventTime);
  }

  async read(): Promise<number | undefined> {
    const { tableName: TableName } = this.options;
    const output = await this.client
      .send(
        new GetItemCommand({
          TableName,
          Key: marshall({ pk: EVENT_CLOCK_KEY }),
          ConsistentRead: true,
        }),
      )
      .catch((error: unknown) => {
        throw toDynamoDbError(error, `GetItem ${EVENT_CLOCK_KEY} on ${TableName}`);
      });
    const eventTime = output.Item ? unmarshall(output.Item)['eventTime'] : undefined;
    return typeof eventTime === 'number' ? eventTime : undefined;
  }
}
