import { FIELD_LIMITS } from '@rtml/contracts';
import { AppError } from '@rtml/errors';
import { labelFixture, limitLabel } from '@rtml/contracts/testing';
import { parseLabel } from './label.parser';

const refusal = (value: unknown) => {
  try {
    parseLabel(value);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    return {
      code: appError.code,
      retriable: appError.retriable,
      paths: (appError.details['fields'] as Array<{ path: string }>).map((field) => field.path),
    };
  }
  throw new Error('expected the label to be refused');
};

describe('parsing a decoded label', () => {
  it.each([labelFixture, limitLabel])('accepts a label ingest publishes', (label) => {
    expect(parseLabel(structuredClone(label))).toEqual(label);
  });

  it('refuses a value of another schema as SCHEMA_INVALID, naming the fields', () => {
    expect(refusal({ eventId: 'e-1', score: 0.5 })).toMatchObject({
      code: 'SCHEMA_INVALID',
      retriable: false,
      paths: expect.arrayContaining(['transactionId', 'fraud', 'eventTime']),
    });
  });

  it.each([
    [
      'a transaction time before 2000',
      { transactionTime: FIELD_LIMITS.minEventTime - 1 },
      'transactionTime',
    ],
    ['a transaction id over 200 characters', { transactionId: 'x'.repeat(201) }, 'transactionId'],
    ['an empty transaction id', { transactionId: '' }, 'transactionId'],
    [
      'a transaction labelled before it happened',
      { transactionTime: labelFixture.eventTime + 1 },
      'transactionTime',
    ],
  ])('refuses %s as OUT_OF_RANGE', (_, change, path) => {
    expect(refusal({ ...labelFixture, ...change })).toEqual({
      code: 'OUT_OF_RANGE',
      retriable: false,
      paths: [path],
    });
  });
});
