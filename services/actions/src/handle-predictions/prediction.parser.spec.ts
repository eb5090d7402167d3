import { FIELD_LIMITS } from '@rtml/contracts';
import { AppError } from '@rtml/errors';
import { predictionFixture, shadowPredictionFixture } from '@rtml/contracts/testing';
import { parsePrediction } from './prediction.parser';

const refusal = (value: unknown) => {
  try {
    parsePrediction(value);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    return {
      code: appError.code,
      retriable: appError.retriable,
      paths: (appError.details['fields'] as Array<{ path: string }>).map((field) => field.path),
    };
  }
  throw new Error('expected the prediction to be refused');
};

describe('parsing a decoded prediction', () => {
  it.each([predictionFixture, shadowPredictionFixture])(
    'accepts a contract prediction',
    (prediction) => {
      expect(parsePrediction(structuredClone(prediction))).toEqual(prediction);
    },
  );

  it('refuses a value of another schema as SCHEMA_INVALID, naming the fields', () => {
    expect(refusal({ eventId: 'e-1', amount: 3 })).toMatchObject({
      code: 'SCHEMA_INVALID',
      retriable: false,
      paths: expect.arrayContaining(['eventTime', 'entityId', 'score', 'model']),
    });
  });

  it.each([
    ['a score above 1', { score: 1.5 }, 'score'],
    ['a NaN score', { score: NaN }, 'score'],
    ['a time before 2000', { eventTime: FIELD_LIMITS.minEventTime - 1 }, 'eventTime'],
    ['an event id over 200 characters', { eventId: 'é'.repeat(201) }, 'eventId'],
    [
      'a feature DynamoDB cannot hold',
      { features: [{ name: 'tiny', value: 1e-200 }] },
      'features.0.value',
    ],
  ])('refuses %s as OUT_OF_RANGE', (_, change, path) => {
    expect(refusal({ ...predictionFixture, ...change })).toEqual({
      code: 'OUT_OF_RANGE',
      retriable: false,
      paths: [path],
    });
  });
});
