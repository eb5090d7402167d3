import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { StoredItemsPoller } from '../outcome/stored-items.poller';
import { scanSegmentsFor, scanTable } from '../outcome/table.scanner';
import type { StoredItem } from '../outcome/table.scanner';
import { vectorDifference } from './feature-vector.compare';

export interface StoredAudit {
  /** Transactions with an item (BatchGetItem by event id). */
  readonly present: number;
  readonly missing: number;
  /** Items in the table (a full Scan): equal to the transactions when nothing extra was stored. */
  readonly items: number;
  /** Items whose event id is not one of the transactions sent. */
  readonly extra: number;
  readonly featureMismatches: number;
  /** A few mismatches spelled out, for the log. */
  readonly examples: readonly string[];
}

/**
 * Checks the scores table against the offline engine: every transaction has its item (asked
 * by key), the table holds nothing else (scanned: one item per event id is the key's doing, so
 * the count proves no stray items), and every item's feature vector equals the offline one.
 */
export async function auditStoredItems(
  client: DynamoDBClient,
  table: string,
  offline: ReadonlyMap<string, readonly number[]>,
  featureNames: readonly string[],
): Promise<StoredAudit> {
  const poller = new StoredItemsPoller(client, table, offline.keys());
  const missing = await poller.poll();
  let items = 0;
  let extra = 0;
  let featureMismatches = 0;
  const examples: string[] = [];
  const check = (item: StoredItem) => {
    items += 1;
    const eventId = item['eventId']?.S ?? '';
    const expected = offline.get(eventId);
    if (expected === undefined) {
      extra += 1;
      return;
    }
    // The compact form (values alone, in the set's order) or the named form of older items.
    const values = item['featureValues']?.L;
    const stored =
      values === undefined
        ? (item['features']?.L ?? []).map((feature) => ({
            name: feature.M?.['name']?.S,
            value: feature.M?.['value']?.N,
          }))
        : values.map((value, i) => ({ name: featureNames[i], value: value.N }));
    const difference = vectorDifference(stored, expected, featureNames);
    if (difference === undefined) return;
    featureMismatches += 1;
    if (examples.length < 5) examples.push(`${eventId}: ${difference}`);
  };
  await scanTable(
    client,
    {
      table,
      segments: await scanSegmentsFor(client, table),
      projection: '#id, #features, #values',
      names: { '#id': 'eventId', '#features': 'features', '#values': 'featureValues' },
      consistent: true,
    },
    check,
  );
  return {
    present: offline.size - missing,
    missing,
    items,
    extra,
    featureMismatches,
    examples,
  };
}
