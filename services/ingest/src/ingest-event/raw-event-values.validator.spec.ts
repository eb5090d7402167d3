import { MIN_EVENT_TIME } from './raw-event.schema';
import { jsonLabel, jsonTransaction, refusalOf } from './raw-event.fixture';
import { RawEventValidator } from './raw-event.validator';
import type { RawEventVerdict } from './raw-event.validator';

const NOW = Date.UTC(2025, 5, 1, 12);
const SKEW = 3_600_000;
const validator = new RawEventValidator({ maxFutureSkewMs: SKEW, maxAmount: 1e9 }, () => NOW);
const paths = (verdict: RawEventVerdict) => refusalOf(verdict).errors.map((error) => error.path);

describe('validating the values of a raw event', () => {
  it('takes event ids of 1 to 200 characters and refuses longer ones as out of range', () => {
    for (const eventId of ['x', 'e'.repeat(200)]) {
      expect(validator.validate(jsonTransaction({ eventId }))).toMatchObject({ valid: true });
      expect(validator.validate(jsonLabel({ transactionId: eventId }))).toMatchObject({
        valid: true,
      });
    }
    expect(
      refusalOf(
        validator.validate(jsonLabel({ eventId: 'e'.repeat(201), transactionId: 't'.repeat(201) })),
      ),
    ).toEqual({
      valid: false,
      code: 'OUT_OF_RANGE',
      errors: [
        { path: 'eventId', message: 'must be at most 200 characters' },
        { path: 'transactionId', message: 'must be at most 200 characters' },
      ],
    });
  });

  it('refuses empty ids as out of range', () => {
    const verdict = validator.validate(
      jsonLabel({ eventId: '', customerId: '', terminalId: '', transactionId: '' }),
    );
    expect(refusalOf(verdict)).toEqual({
      valid: false,
      code: 'OUT_OF_RANGE',
      errors: ['eventId', 'customerId', 'terminalId', 'transactionId'].map((path) => ({
        path,
        message: 'must not be empty',
      })),
    });
  });

  it('bounds customer and terminal ids like event ids: every later stage keys state by them', () => {
    const longKeys = { customerId: 'c'.repeat(201), terminalId: 't'.repeat(201) };
    expect(refusalOf(validator.validate(jsonTransaction(longKeys)))).toEqual({
      valid: false,
      code: 'OUT_OF_RANGE',
      errors: ['customerId', 'terminalId'].map((path) => ({
        path,
        message: 'must be at most 200 characters',
      })),
    });
  });

  it('accepts event times from 2000-01-01 up to the clock plus the allowed skew', () => {
    for (const eventTime of [MIN_EVENT_TIME, Date.UTC(2018, 3, 1), NOW, NOW + SKEW]) {
      expect(validator.validate(jsonTransaction({ eventTime }))).toMatchObject({ valid: true });
    }
  });

  it('refuses event times before 2000 or past the skew, as out of range', () => {
    for (const eventTime of [MIN_EVENT_TIME - 1, Math.floor(NOW / 1000), NOW + SKEW + 1, 1e300]) {
      const verdict = refusalOf(validator.validate(jsonTransaction({ eventTime })));
      expect(verdict).toMatchObject({ code: 'OUT_OF_RANGE', errors: [{ path: 'eventTime' }] });
    }
  });

  it('accepts amounts from 0 up to the maximum', () => {
    for (const amount of [0, 0.01, 1e9]) {
      expect(validator.validate(jsonTransaction({ amount }))).toMatchObject({ valid: true });
    }
  });

  it('refuses negative, non-finite and too large amounts as out of range', () => {
    const cases = [
      [-0.01, 'must not be negative'],
      [1e9 + 1, 'must be at most 1000000000'],
      [Number.POSITIVE_INFINITY, 'must be a finite number'],
    ] as const;
    for (const [amount, message] of cases) {
      expect(refusalOf(validator.validate(jsonTransaction({ amount })))).toEqual({
        valid: false,
        code: 'OUT_OF_RANGE',
        errors: [{ path: 'amount', message }],
      });
    }
    expect(refusalOf(validator.validate(jsonTransaction({ amount: Number.NaN }))).code).toBe(
      'OUT_OF_RANGE',
    );
  });

  it('honours a configured maximum amount and clock skew', () => {
    const strict = new RawEventValidator({ maxFutureSkewMs: 1, maxAmount: 100 }, () => NOW);
    expect(paths(strict.validate(jsonTransaction({ amount: 100.5, eventTime: NOW + 2 })))).toEqual([
      'eventTime',
      'amount',
    ]);
  });

  it('accepts a label whose transaction time equals its event time', () => {
    expect(validator.validate(jsonLabel({ transactionTime: NOW, eventTime: NOW }))).toMatchObject({
      valid: true,
    });
  });

  it('refuses a label whose transaction comes after it, as out of range', () => {
    const verdict = validator.validate(jsonLabel({ transactionTime: NOW, eventTime: NOW - 1 }));
    expect(refusalOf(verdict)).toEqual({
      valid: false,
      code: 'OUT_OF_RANGE',
      errors: [
        {
          path: 'transactionTime',
          message: 'must not be after eventTime (a label follows its transaction)',
        },
      ],
    });
  });

  it('holds a label transaction time to the same bounds as event times', () => {
    const verdict = validator.validate(jsonLabel({ transactionTime: MIN_EVENT_TIME - 1 }));
    expect(refusalOf(verdict)).toMatchObject({
      code: 'OUT_OF_RANGE',
      errors: [{ path: 'transactionTime' }],
    });
  });
});
