import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { DYNAMODB_LIMITS, HEADERS, topicName, valueSubject } from '@rtml/contracts';
import { LIMIT_INGESTED_AT, limitPrediction } from '@rtml/contracts/testing';
import { DEFAULT_MAX_RECORD_BYTES, estimatedSize } from '@rtml/kafka';
import { ContractCodec } from '@rtml/kafka/testing';
import { toAlert } from '../raise-alerts/alert.factory';
import {
  SCORE_ITEM_MARSHALL,
  SCORE_ITEM_UNMARSHALL,
  toScoreItem,
} from '../store-prediction/score-item.mapper';
import { toStoredScore } from '../store-prediction/stored-score.mapper';
import { parsePrediction } from './prediction.parser';

// The last step of the walk through the pipeline's limits: the prediction scoring makes at every
// bound (see scoring's enriched-event-limits.spec.ts) is accepted, and its item and keys fit
// DynamoDB's limits, so nothing ingest accepted is refused by the store.

const codec = new ContractCodec();
const utf8 = (text: string): number => Buffer.byteLength(text, 'utf8');

/**
 * An upper bound of DynamoDB's size of an item (its documented rules): names and strings in
 * UTF-8 bytes, a number at most 21 bytes (38 significant digits), a boolean or null 1 byte, a
 * list or map 3 bytes plus 1 per element.
 */
function valueBytes(value: AttributeValue): number {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return 21;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.L !== undefined)
    return 3 + value.L.reduce((sum, element) => sum + 1 + valueBytes(element), 0);
  if (value.M !== undefined) return 3 + itemBytes(value.M) + Object.keys(value.M).length;
  throw new Error(`no size rule for ${JSON.stringify(value)}`);
}

const itemBytes = (item: Record<string, AttributeValue>): number =>
  Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + valueBytes(value), 0);

async function decodedPrediction() {
  return parsePrediction(
    await codec.decode(await codec.encode(valueSubject('predictions'), limitPrediction)),
  );
}

describe('actions at the pipeline limits', () => {
  it('stores the widest prediction: its keys inside the key limits, its item under 400 KB', async () => {
    const prediction = await decodedPrediction();
    const item = toScoreItem(prediction, 90);

    expect(prediction).toEqual(limitPrediction);
    // The table's partition key, then the byEntity index's partition and sort keys.
    expect(utf8(item.eventId)).toBeLessThanOrEqual(DYNAMODB_LIMITS.partitionKeyMaxBytes);
    expect(utf8(item.entityId)).toBeLessThanOrEqual(DYNAMODB_LIMITS.partitionKeyMaxBytes);
    expect(utf8(item.eventTimeId)).toBeLessThanOrEqual(DYNAMODB_LIMITS.sortKeyMaxBytes);
    // The alert-state table's cooldown key (dynamodb-alert-state.store.ts).
    expect(utf8(`cooldown#${item.entityId}`)).toBeLessThanOrEqual(
      DYNAMODB_LIMITS.partitionKeyMaxBytes,
    );
    expect(itemBytes(marshall(item, SCORE_ITEM_MARSHALL))).toBeLessThanOrEqual(
      DYNAMODB_LIMITS.itemMaxBytes,
    );
  });

  it('reads the widest stored item back as the values that were stored', async () => {
    const item = toScoreItem(await decodedPrediction(), 90);

    const stored = toStoredScore(
      unmarshall(marshall(item, SCORE_ITEM_MARSHALL), SCORE_ITEM_UNMARSHALL),
    );

    expect(stored.features).toEqual(limitPrediction.features);
  });

  it('raises the alert of the widest prediction as one record', async () => {
    const alert = toAlert(await decodedPrediction(), LIMIT_INGESTED_AT + 3);
    const record = {
      topic: topicName('alerts'),
      key: alert.entityId,
      value: await codec.encode(valueSubject('alerts'), alert),
      headers: { [HEADERS.eventId]: alert.eventId },
    };

    expect(estimatedSize(record)).toBeLessThanOrEqual(DEFAULT_MAX_RECORD_BYTES);
  });
});
