import { FIELD_LIMITS, valueSubject } from '@rtml/contracts';
import type { RawEvent } from '@rtml/contracts';
import {
  LIMIT_INGESTED_AT,
  limitLabel,
  limitRawEvents,
  limitTransactions,
  widestString,
} from '@rtml/contracts/testing';
import { AppError } from '@rtml/errors';
import { ContractCodec } from '@rtml/kafka/testing';
import { checkEventsRequest } from '../accept-events/events-request.checker';
import { loadIngestConfig } from '../ingest.config';
import { toIngestedEvent } from './ingested-event.mapper';
import { RawEventValidator } from './raw-event.validator';

// The first step of the walk through the pipeline's limits (`FIELD_LIMITS`, fixtures in
// @rtml/contracts/testing): ingest accepts every boundary event and publishes exactly the values
// the features, scoring and actions limits tests start from; one past any bound is a 400.

const L = FIELD_LIMITS;
/** An ingest whose MAX_AMOUNT is the ceiling, the largest any deployment may configure. */
const validator = new RawEventValidator(
  { maxFutureSkewMs: 3_600_000, maxAmount: L.amountCeiling },
  () => LIMIT_INGESTED_AT,
);
const [transaction, , , label] = limitRawEvents as [RawEvent, RawEvent, RawEvent, RawEvent];

const refusalOf = (event: RawEvent): AppError => {
  try {
    checkEventsRequest([event], validator, 1_000);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('the event was accepted');
};

describe('ingest at the pipeline limits', () => {
  it('accepts every boundary event, as JSON or Avro, and publishes what later stages read', async () => {
    const codec = new ContractCodec();
    const subject = valueSubject('rawEvents');
    const fromKafka = await Promise.all(
      limitRawEvents.map(async (event) => codec.decode(await codec.encode(subject, event))),
    );

    for (const body of [limitRawEvents, fromKafka]) {
      const published = checkEventsRequest(body, validator, 1_000).map(
        (event) => toIngestedEvent(event, { ingestedAt: LIMIT_INGESTED_AT, source: 'KAFKA' }).value,
      );
      expect(published).toEqual([...limitTransactions, limitLabel]);
    }
  });

  const longer = (length: number, tag: string) => widestString(length + 1, tag);
  const attributes = transaction.attributes ?? {};
  const tooLongName = longer(L.attributeKeyMaxLength, 'k');

  it.each([
    ['an event id', { ...transaction, eventId: longer(L.idMaxLength, 'e') }, 'eventId'],
    ['a customer id', { ...transaction, customerId: longer(L.idMaxLength, 'c') }, 'customerId'],
    ['a terminal id', { ...transaction, terminalId: longer(L.idMaxLength, 't') }, 'terminalId'],
    [
      'the id a label refers to',
      { ...label, transactionId: longer(L.idMaxLength, 'x') },
      'transactionId',
    ],
    [
      'the number of attributes',
      { ...transaction, attributes: { ...attributes, extra: 'x' } },
      'attributes',
    ],
    [
      'an attribute name',
      { ...transaction, attributes: { [tooLongName]: 'x' } },
      `attributes.${tooLongName}`,
    ],
    [
      'an attribute value',
      { ...transaction, attributes: { channel: longer(L.attributeValueMaxLength, 'v') } },
      'attributes.channel',
    ],
    ['the earliest event time', { ...transaction, eventTime: L.minEventTime - 1 }, 'eventTime'],
    ['the smallest positive amount', { ...transaction, amount: L.minPositiveAmount / 2 }, 'amount'],
    ['the amount ceiling', { ...transaction, amount: L.amountCeiling * 1.5 }, 'amount'],
  ])('refuses %s one past its bound with a 400 naming the field', (_bound, event, path) => {
    const refusal = refusalOf(event);

    expect([refusal.code, refusal.httpStatus]).toEqual(['OUT_OF_RANGE', 400]);
    expect(refusal.details['items']).toEqual([
      expect.objectContaining({ errors: [{ path, message: expect.any(String) }] }),
    ]);
  });

  it('refuses to start with a MAX_AMOUNT above the ceiling later stages hold amounts to', () => {
    expect(() =>
      loadIngestConfig({ HTTP_HOST: '127.0.0.1', MAX_AMOUNT: String(L.amountCeiling * 10) }),
    ).toThrow(/MAX_AMOUNT/);
    expect(
      loadIngestConfig({ HTTP_HOST: '127.0.0.1', MAX_AMOUNT: String(L.amountCeiling) }).MAX_AMOUNT,
    ).toBe(L.amountCeiling);
  });
});
