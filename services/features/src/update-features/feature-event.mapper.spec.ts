import { labelFixture, transactionFixture } from '@rtml/contracts/testing';
import {
  sequenceOf,
  toEventSeconds,
  toFeatureEvent,
  toLabelPlacement,
} from './feature-event.mapper';

const TIME_MS = Date.UTC(2018, 3, 1, 0, 0, 31, 250);

describe('the feature event of a transaction', () => {
  it.each([
    ['0', 0],
    ['42', 42],
    ['1048575', 1_048_575],
    ['9007199254740991', Number.MAX_SAFE_INTEGER],
  ])('uses a canonical non-negative integer id %s as its own seq', (eventId, seq) => {
    expect(sequenceOf(eventId, TIME_MS)).toBe(seq);
  });

  it.each(['042', '-1', '+1', '1e3', '1.0', ' 7', '', 'txn-0', '9007199254740992'])(
    'falls back to the event time in milliseconds for the id %j',
    (eventId) => {
      expect(sequenceOf(eventId, TIME_MS)).toBe(TIME_MS);
    },
  );

  it('rounds event time down to whole seconds, before 1970 too', () => {
    expect(toEventSeconds(TIME_MS)).toBe(Date.UTC(2018, 3, 1, 0, 0, 31) / 1000);
    expect(toEventSeconds(-1)).toBe(-1);
    expect(toEventSeconds(-1000)).toBe(-1);
  });

  it('maps a transaction to time, seq, amount and its entity keys', () => {
    const mapped = toFeatureEvent({ ...transactionFixture, eventId: '17' }, [
      'customerId',
      'terminalId',
    ]);

    expect(mapped).toEqual({
      ok: true,
      value: {
        eventId: '17',
        time: Math.floor(transactionFixture.eventTime / 1000),
        seq: 17,
        amount: 57.16,
        entities: { customerId: '596', terminalId: '3156' },
      },
    });
  });

  it('reads an entity that is not a transaction field from the attributes', () => {
    const mapped = toFeatureEvent(transactionFixture, ['channel']);

    expect(mapped.ok && mapped.value.entities).toEqual({
      customerId: '596',
      terminalId: '3156',
      channel: 'pos',
    });
  });

  it('rejects a transaction without an entity key as schema-invalid, naming each field', () => {
    const mapped = toFeatureEvent({ ...transactionFixture, terminalId: '' }, [
      'terminalId',
      'merchantId',
    ]);

    expect(mapped).toEqual({
      ok: false,
      code: 'SCHEMA_INVALID',
      fields: [
        { path: 'terminalId', message: 'entity key is missing or empty' },
        { path: 'attributes.merchantId', message: 'entity key is missing or empty' },
      ],
    });
  });

  it('rejects an unusable amount or time as out of range', () => {
    const mapped = toFeatureEvent({ ...transactionFixture, amount: Number.NaN, eventTime: 1.5 }, [
      'customerId',
    ]);

    expect(mapped.ok ? [] : [mapped.code, ...mapped.fields.map((f) => f.path)]).toEqual([
      'OUT_OF_RANGE',
      'eventTime',
      'amount',
    ]);
  });
});

describe('the placement of a label', () => {
  it('places a label on its transaction time, in seconds, for the label-holding entities', () => {
    expect(toLabelPlacement({ ...labelFixture, fraud: true }, ['terminalId'])).toEqual({
      ok: true,
      value: {
        transactionId: 'txn-0',
        transactionTime: Math.floor(labelFixture.transactionTime / 1000),
        fraud: 1,
        entities: { customerId: '596', terminalId: '3156' },
      },
    });
  });

  it('rejects a label whose entity cannot be placed', () => {
    const mapped = toLabelPlacement(labelFixture, ['merchantId']);

    expect(mapped).toMatchObject({ ok: false, code: 'SCHEMA_INVALID' });
  });
});
