import avro from 'avsc';
import { TOPICS } from '@rtml/contracts';
import { rawLabelEventFixture, rawTransactionEventFixture } from '@rtml/contracts/testing';
import { AppError } from '@rtml/errors';
import { jsonLabel, jsonTransaction, refusalOf } from './raw-event.fixture';
import { RawEventValidator, rejectionError } from './raw-event.validator';
import type { RawEventVerdict } from './raw-event.validator';

const NOW = Date.UTC(2025, 5, 1, 12);
const SKEW = 3_600_000;
const validator = new RawEventValidator({ maxFutureSkewMs: SKEW, maxAmount: 1e9 }, () => NOW);
const paths = (verdict: RawEventVerdict) => refusalOf(verdict).errors.map((error) => error.path);

describe('validating the shape of a raw event', () => {
  it('accepts a transaction and a label with only their required fields', () => {
    expect(validator.validate(jsonTransaction())).toMatchObject({ valid: true });
    expect(validator.validate(jsonLabel())).toMatchObject({ valid: true });
  });

  it('accepts the contract fixtures, nulls for the fields of the other kind included', () => {
    expect(validator.validate(rawTransactionEventFixture)).toMatchObject({ valid: true });
    expect(validator.validate(rawLabelEventFixture)).toMatchObject({ valid: true });
  });

  it('accepts records decoded from Avro, whose prototype carries methods', () => {
    const rawEventType = avro.Type.forSchema(
      TOPICS.rawEvents.valueSchema as Parameters<typeof avro.Type.forSchema>[0],
    );
    for (const fixture of [rawTransactionEventFixture, rawLabelEventFixture]) {
      const decoded: unknown = rawEventType.fromBuffer(rawEventType.toBuffer(fixture));
      expect(validator.validate(decoded)).toMatchObject({ valid: true });
    }
  });

  it('accepts attributes as a map of strings, and null or absent attributes', () => {
    const verdict = validator.validate(
      jsonTransaction({ attributes: { channel: 'web', country: 'FR' } }),
    );
    expect(verdict).toMatchObject({ valid: true, event: { attributes: { channel: 'web' } } });
    expect(validator.validate(jsonTransaction({ attributes: null }))).toMatchObject({
      valid: true,
    });
  });

  it('refuses what is not an object, as schema-invalid', () => {
    for (const input of [null, 'event', 42, [jsonTransaction()]]) {
      expect(validator.validate(input)).toEqual({
        valid: false,
        code: 'SCHEMA_INVALID',
        errors: [{ path: '', message: 'must be an event object' }],
      });
    }
  });

  it('reports every missing field of a transaction at once', () => {
    const verdict = validator.validate({ kind: 'TRANSACTION' });

    expect(refusalOf(verdict).code).toBe('SCHEMA_INVALID');
    expect(refusalOf(verdict).errors).toEqual(
      ['eventId', 'eventTime', 'customerId', 'terminalId', 'amount'].map((path) => ({
        path,
        message: 'is required',
      })),
    );
  });

  it('reports every missing field of a label at once, null counting as missing', () => {
    const verdict = validator.validate({
      kind: 'LABEL',
      eventId: 'l',
      eventTime: NOW,
      customerId: null,
      terminalId: 't',
    });

    expect(paths(verdict).sort()).toEqual([
      'customerId',
      'fraud',
      'transactionId',
      'transactionTime',
    ]);
  });

  it('refuses a missing or unknown kind while still checking the other fields', () => {
    expect(refusalOf(validator.validate(jsonTransaction({ kind: 'REFUND', amount: 'x' })))).toEqual(
      {
        valid: false,
        code: 'SCHEMA_INVALID',
        errors: [
          { path: 'amount', message: 'must be a number' },
          { path: 'kind', message: 'must be TRANSACTION or LABEL' },
        ],
      },
    );
    expect(refusalOf(validator.validate(jsonTransaction({ kind: undefined }))).errors).toEqual([
      { path: 'kind', message: 'is required' },
    ]);
  });

  it('names every unknown field, as schema-invalid', () => {
    const verdict = validator.validate(jsonTransaction({ currency: 'EUR', merchant: { id: 1 } }));

    expect(refusalOf(verdict)).toEqual({
      valid: false,
      code: 'SCHEMA_INVALID',
      errors: [
        { path: 'currency', message: 'is not a field of a raw event' },
        { path: 'merchant', message: 'is not a field of a raw event' },
      ],
    });
  });

  it('refuses mistyped fields with the type expected', () => {
    const verdict = validator.validate(
      jsonTransaction({
        eventId: 7,
        eventTime: '2018-04-01',
        amount: '57.16',
        attributes: { a: 1 },
      }),
    );

    expect(refusalOf(verdict).code).toBe('SCHEMA_INVALID');
    expect(refusalOf(verdict).errors).toEqual([
      { path: 'eventId', message: 'must be a string' },
      { path: 'eventTime', message: 'must be an integer (epoch milliseconds)' },
      { path: 'attributes.a', message: 'must be a string' },
      { path: 'amount', message: 'must be a number' },
    ]);
  });

  it('refuses an event time with a fraction as mistyped (Avro long)', () => {
    const verdict = validator.validate(jsonTransaction({ eventTime: Date.UTC(2018, 3, 1) + 0.5 }));
    expect(refusalOf(verdict)).toMatchObject({
      code: 'SCHEMA_INVALID',
      errors: [{ path: 'eventTime' }],
    });
  });

  it('refuses a label whose fraud flag is not a boolean', () => {
    const verdict = validator.validate(jsonLabel({ fraud: 'yes' }));
    expect(refusalOf(verdict).errors).toEqual([{ path: 'fraud', message: 'must be a boolean' }]);
  });

  it('ignores the range of the other kind fields but still checks their types', () => {
    expect(validator.validate(jsonLabel({ amount: -5 }))).toMatchObject({ valid: true });
    expect(validator.validate(jsonTransaction({ transactionId: '', fraud: null }))).toMatchObject({
      valid: true,
    });
    expect(paths(validator.validate(jsonLabel({ amount: 'five' })))).toEqual(['amount']);
  });

  it('reports schema and range problems together, and calls the event schema-invalid', () => {
    const verdict = refusalOf(
      validator.validate(jsonTransaction({ eventId: '', amount: -1, extra: 1 })),
    );
    expect(verdict.code).toBe('SCHEMA_INVALID');
    expect(verdict.errors.map((error) => error.path)).toEqual(['eventId', 'amount', 'extra']);
  });
});

describe('the error of a refused event', () => {
  it('carries the code, a one-line reason and the field errors for the dead-letter envelope', () => {
    const errors = [
      { path: 'amount', message: 'must not be negative' },
      { path: '', message: 'must be an event object' },
    ];
    const error = rejectionError('OUT_OF_RANGE', errors);

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'OUT_OF_RANGE',
      retriable: false,
      details: { fields: errors },
    });
    expect(error.message).toBe(
      'the event has values out of range: amount must not be negative; (event) must be an event object',
    );
  });
});
