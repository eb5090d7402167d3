import { DescribeTableCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';

export type StoredItem = Record<string, AttributeValue>;

export interface TableScan {
  readonly table: string;
  /** Parallel scan segments: DynamoDB splits the table among them (see `scanSegmentsFor`). */
  readonly segments: number;
  /** Segments read at the same time (default 8). */
  readonly concurrency?: number;
  readonly projection: string;
  readonly names?: Record<string, string>;
  readonly filter?: string;
  readonly consistent?: boolean;
}

/** Items per segment `scanSegmentsFor` aims at. */
const ITEMS_PER_SEGMENT = 2_000;
const MIN_SEGMENTS = 4;
const MAX_SEGMENTS = 4_096;

/**
 * How many segments to scan `table` in: about 2,000 items each, from its (approximate) item
 * count. Small segments matter on DynamoDB Local, whose Scan pages cost in proportion to the
 * segment scanned so far: 134,288 items took 228 s in 4 segments, 42 s in 16 and 23 s in 32
 * (docs/benchmarks.md); AWS DynamoDB is indifferent to the extra requests.
 */
export async function scanSegmentsFor(client: DynamoDBClient, table: string): Promise<number> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
  const items = Table?.ItemCount ?? 0;
  return Math.min(MAX_SEGMENTS, Math.max(MIN_SEGMENTS, Math.ceil(items / ITEMS_PER_SEGMENT)));
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
  let next = 0;
  const worker = async () => {
    for (let segment = next++; segment < scan.segments; segment = next++) {
      await scanSegment(client, scan, segment, onItem);
    }
  };
  await Promise.all(Array.from({ length: Math.min(scan.concurrency ?? 8, scan.segments) }, worker));
}

async function scanSegment(
  client: DynamoDBClient,
  scan: TableScan,
  segment: number,
  onItem: (item: StoredItem) => void | Promise<void>,
): Promise<void> {
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
}
