import { UsageError, parseBackfillArgs } from './backfill-args.parser';

describe('parseBackfillArgs', () => {
  it('reads input, output and the feature set, defaulting to handbook-15', () => {
    expect(parseBackfillArgs(['--input', 'a.csv.gz', '--output', 'b.csv'])).toEqual({
      input: 'a.csv.gz',
      output: 'b.csv',
      featureSet: 'handbook-15',
    });
    expect(parseBackfillArgs(['--input=a', '--output=b', '--feature-set=x.json']).featureSet).toBe(
      'x.json',
    );
  });

  it('explains a missing or unknown option with the usage', () => {
    expect(() => parseBackfillArgs(['--output', 'b.csv'])).toThrow(UsageError);
    expect(() => parseBackfillArgs(['--output', 'b.csv'])).toThrow(/--input is required; usage:/);
    expect(() => parseBackfillArgs(['--input', 'a', '--output', 'b', '--fast'])).toThrow(
      /Unknown option '--fast'/,
    );
    expect(() => parseBackfillArgs(['--input', 'a', '--output', 'a'])).toThrow(/must differ/);
  });
});
