import { ScanCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';

export type StoredItem = Record<string, AttributeValue>;

export interface TableScan {
  readonly table: string;
  /** Parallel scan segments: DynamoDB splits the table among them. */
  readonly segments: number;
  readonly projection: string;
  readonly names?: Record<string, string>;
  readonly filter?: string;
  readonly consistent?: boolean;
}

/**
 * Reads a whole table with a parallel Scan, page after page in each segment, handing every
 * item to `onItem` (awaited, so a slow consumer holds its segment back). For tools that must
 * see everything (export, audits); the API never scans.
 */
export async function scanTable(
  client: DynamoDBClient,
  scan: TableScan,
  onItem: (item: StoredItem) => void | Promise<void>,
): Promise<void> {
  await Promise.all(
    Array.from({ length: scan.segments }, async (_, segment) => {
      let start: StoredItem | undefined;
      do {
        const page = await client.send(
          new ScanCommand({
            TableName: scan.table,
            Segment: segment,
            TotalSegments: scan.segments,
            ProjectionExpression: scan.projection,
            ExpressionAttributeNames: scan.names,
            FilterExpression: scan.filter,
            ConsistentRead: scan.consistent,
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) await onItem(item);
        start = page.LastEvaluatedKey;
      } while (start !== undefined);
    }),
  );
}
