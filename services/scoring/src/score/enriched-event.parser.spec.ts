import { AppError } from '@rtml/errors';
import { enrichedEventFixture } from '@rtml/contracts/testing';
import { parseEnrichedEvent } from './enriched-event.parser';

const rejection = (value: unknown): AppError => {
  try {
    parseEnrichedEvent(value);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
};

describe('parsing a decoded enriched event', () => {
  it('keeps the fields scoring needs from a decoded enriched event', () => {
    const { transaction: _transaction, ...scorable } = enrichedEventFixture;

    expect(parseEnrichedEvent(enrichedEventFixture)).toEqual(scorable);
  });

  it('lists every field of another shape as schema-invalid', () => {
    const error = rejection({
      ...enrichedEventFixture,
      eventId: '',
      featureSet: { name: 'handbook-15' },
      features: [{ name: 'TX_AMOUNT', value: '57' }],
      timings: undefined,
    });

    expect(error.code).toBe('SCHEMA_INVALID');
    expect(error.details['fields']).toEqual([
      { path: 'timings', message: 'must be a record' },
      { path: 'eventId', message: 'must be a non-empty string' },
      { path: 'featureSet.version', message: 'must be a non-empty string' },
      { path: 'features.0.value', message: 'must be a number' },
      { path: 'timings.ingestedAt', message: 'must be a number' },
      { path: 'timings.enrichedAt', message: 'must be a number' },
    ]);
  });

  it('rejects a value that is not a record at all', () => {
    expect(rejection('a string').message).toMatch(/^not an enriched event: value must be a record/);
  });
});
