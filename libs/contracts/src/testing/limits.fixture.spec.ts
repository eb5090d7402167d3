import { Type } from 'avsc';
import type { AvroRecordSchema } from '../avro-schema.types';
import { FIELD_LIMITS, isStorableNumber } from '../limits.catalog';
import type { TopicId } from '../topic.types';
import { TOPICS } from '../topics.catalog';
import {
  limitEnrichedEvent,
  limitFeatures,
  limitLabel,
  limitPrediction,
  limitRawEvents,
  limitTransactions,
  widestString,
} from './limits.fixture';

type AvscSchema = Parameters<typeof Type.forSchema>[0];
const avroType = (id: TopicId): Type =>
  Type.forSchema(TOPICS[id].valueSchema as AvroRecordSchema as AvscSchema);

const cases: Array<{ id: TopicId; value: unknown }> = [
  ...limitRawEvents.map((value) => ({ id: 'rawEvents' as const, value })),
  ...limitTransactions.map((value) => ({ id: 'transactions' as const, value })),
  { id: 'labels', value: limitLabel },
  { id: 'enrichedEvents', value: limitEnrichedEvent },
  { id: 'predictions', value: limitPrediction },
];

describe('the limit fixtures', () => {
  it.each(cases)('are $id values that round-trip through Avro binary', ({ id, value }) => {
    const type = avroType(id);

    expect(type.isValid(value, { noUndeclaredFields: true })).toBe(true);
    expect(type.fromBuffer(type.toBuffer(value))).toEqual(value);
  });

  it('put the most UTF-8 bytes a length bound admits into every bounded string', () => {
    const id = widestString(FIELD_LIMITS.idMaxLength, 'T');

    expect(id).toHaveLength(FIELD_LIMITS.idMaxLength);
    expect(Buffer.byteLength(id, 'utf8')).toBe(1 + 3 * (FIELD_LIMITS.idMaxLength - 1));
  });

  it('carry feature values DynamoDB can store, at the extremes accepted amounts produce', () => {
    expect(limitFeatures).toHaveLength(FIELD_LIMITS.featuresMaxCount);
    expect(limitFeatures.every((feature) => isStorableNumber(feature.value))).toBe(true);
  });
});
