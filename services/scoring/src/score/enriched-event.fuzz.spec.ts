import fc from 'fast-check';
import { enrichedEventFixture } from '@rtml/contracts/testing';
import { AppError } from '@rtml/errors';
import { fuzzRuns, mutatedRecord } from '@rtml/testing';
import { parseEnrichedEvent } from './enriched-event.parser';

const RUNS = fuzzRuns(500);

describe('parsing enriched events under random and mutated values', () => {
  it('returns a scorable event or throws a non-retriable AppError with a reason, nothing else', () => {
    const mutatedFeature = fc
      .tuple(
        fc.nat({ max: enrichedEventFixture.features.length - 1 }),
        mutatedRecord({ ...enrichedEventFixture.features[0] }),
      )
      .map(([at, feature]) => ({
        ...enrichedEventFixture,
        features: enrichedEventFixture.features.map((f, i) => (i === at ? feature : f)),
      }));
    fc.assert(
      fc.property(fc.oneof(mutatedRecord({ ...enrichedEventFixture }), mutatedFeature), (value) => {
        try {
          parseEnrichedEvent(value);
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          expect(error).toMatchObject({ retriable: false });
          expect((error as AppError).message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
