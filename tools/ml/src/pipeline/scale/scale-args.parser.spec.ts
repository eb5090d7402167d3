import { ScaleUsageError, parseScaleArgs } from './scale-args.parser';

describe('parseScaleArgs', () => {
  it('streams 20,000 events a step and kills a features replica too by default', () => {
    expect(parseScaleArgs([])).toEqual({
      eventsPerStep: 20_000,
      seed: 5,
      stallTimeoutMs: 180_000,
      killFeatures: true,
    });
  });

  it('reads every option', () => {
    expect(
      parseScaleArgs([
        '--events-per-step',
        '5000',
        '--seed',
        '9',
        '--stall-timeout-s',
        '90',
        '--keep-features',
      ]),
    ).toEqual({ eventsPerStep: 5_000, seed: 9, stallTimeoutMs: 90_000, killFeatures: false });
  });

  it('refuses too few events, a stall timeout under a session timeout and unknown options', () => {
    expect(() => parseScaleArgs(['--events-per-step', '10'])).toThrow(ScaleUsageError);
    expect(() => parseScaleArgs(['--events-per-step', '2.5k'])).toThrow(ScaleUsageError);
    expect(() => parseScaleArgs(['--stall-timeout-s', '20'])).toThrow(ScaleUsageError);
    expect(() => parseScaleArgs(['--replicas', '4'])).toThrow(ScaleUsageError);
  });
});
