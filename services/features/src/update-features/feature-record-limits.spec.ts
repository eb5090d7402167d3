import { FIELD_LIMITS, HEADERS, topicName, valueSubject } from '@rtml/contracts';
import type { TopicId } from '@rtml/contracts';
import {
  limitEnrichedEvent,
  limitLabel,
  limitTransactions,
  widestString,
} from '@rtml/contracts/testing';
import { compileFeaturePlan, parseFeatureSet } from '@rtml/feature-engine';
import { DEFAULT_MAX_RECORD_BYTES, estimatedSize } from '@rtml/kafka';
import type { IncomingRecord } from '@rtml/kafka';
import { ContractCodec } from '@rtml/kafka/testing';
import { toEnrichedEvent } from './enriched-event.mapper';
import { FeatureRecordParser } from './feature-record.parser';

// The features step of the walk through the pipeline's limits: it takes the boundary values
// ingest publishes (see ingest's raw-event-limits.spec.ts), and what it makes of them is the
// enriched event scoring's limits test starts from, small enough for one Kafka record.

const codec = new ContractCodec();
const parser = new FeatureRecordParser(codec, {
  transactionsTopic: topicName('transactions'),
  labelsTopic: topicName('labels'),
  entityFields: ['customerId', 'terminalId'],
  labelEntityFields: ['terminalId'],
});

async function recordOf(id: TopicId, value: unknown): Promise<IncomingRecord> {
  return {
    topic: topicName(id),
    partition: 0,
    offset: '0',
    key: null,
    value: await codec.encode(valueSubject(id), value),
    headers: {},
    timestamp: 0,
  };
}

/** The widest feature set the limits allow, named as the enriched fixture is. */
const widestPlan = compileFeaturePlan(
  parseFeatureSet({
    name: limitEnrichedEvent.featureSet.name,
    version: Number(limitEnrichedEvent.featureSet.version),
    features: limitEnrichedEvent.features.map(({ name }) => ({ name, kind: 'amount' })),
  }),
);

describe('features at the pipeline limits', () => {
  it('takes every boundary transaction and label ingest publishes', async () => {
    for (const transaction of limitTransactions)
      await expect(
        parser.parse(await recordOf('transactions', transaction)),
      ).resolves.toMatchObject({ kind: 'transaction', transaction });
    await expect(parser.parse(await recordOf('labels', limitLabel))).resolves.toMatchObject({
      kind: 'label',
    });
  });

  it('enriches the largest transaction with the widest vector into one record', async () => {
    const [transaction] = limitTransactions;
    const values = limitEnrichedEvent.features.map(({ value }) => value);

    const enriched = toEnrichedEvent(
      transaction!,
      widestPlan,
      values,
      limitEnrichedEvent.timings.enrichedAt,
    );
    const record = {
      topic: topicName('enrichedEvents'),
      key: enriched.entityId,
      value: await codec.encode(valueSubject('enrichedEvents'), enriched),
      headers: { [HEADERS.eventId]: enriched.eventId, [HEADERS.traceId]: widestString(64) },
    };

    expect(enriched).toEqual(limitEnrichedEvent);
    expect(estimatedSize(record)).toBeLessThanOrEqual(DEFAULT_MAX_RECORD_BYTES);
  });

  it('refuses, as out of range, a record another writer put past a limit', async () => {
    const [transaction] = limitTransactions;
    const past = {
      ...transaction!,
      customerId: widestString(FIELD_LIMITS.idMaxLength + 1),
      amount: FIELD_LIMITS.minPositiveAmount / 2,
    };

    const parsed = await parser.parse(await recordOf('transactions', past));

    expect(parsed).toMatchObject({ kind: 'poison', error: { code: 'OUT_OF_RANGE' } });
    expect(parsed.kind === 'poison' && parsed.error.details['fields']).toEqual([
      { path: 'customerId', message: expect.any(String) },
      { path: 'amount', message: expect.any(String) },
    ]);
  });
});
