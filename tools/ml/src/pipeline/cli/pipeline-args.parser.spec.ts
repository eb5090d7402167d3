import { PipelineUsageError, parseDemoArgs, parseReplayArgs } from './pipeline-args.parser';

describe('pipeline command arguments', () => {
  it('gives the demo 5,000 events over HTTP, unpaced, by default', () => {
    expect(parseDemoArgs([])).toEqual({ events: 5000, via: 'http', rate: 0, seed: 7 });
    expect(parseDemoArgs(['--events', '12', '--via', 'kafka', '--rate', '500'])).toMatchObject({
      events: 12,
      via: 'kafka',
      rate: 500,
    });
  });

  it('refuses zero or malformed event counts and unknown options', () => {
    expect(() => parseDemoArgs(['--events', '0'])).toThrow(PipelineUsageError);
    expect(() => parseDemoArgs(['--events', '1e3'])).toThrow(/non-negative integer/);
    expect(() => parseDemoArgs(['--via', 'smoke'])).toThrow(/http or kafka/);
    expect(() => parseDemoArgs(['--evnts', '3'])).toThrow(PipelineUsageError);
  });

  it('requires an input to replay and checks the date range', () => {
    expect(() => parseReplayArgs([])).toThrow(/--input is required/);
    expect(() => parseReplayArgs(['--input', 'f.csv', '--from', '2018-13-01'])).toThrow(
      /--from must be a date/,
    );
    expect(() =>
      parseReplayArgs(['--input', 'f.csv', '--from', '2018-05-02', '--to', '2018-05-01']),
    ).toThrow(/before --from/);
    expect(parseReplayArgs(['--input', 'f.csv', '--to', '2018-04-14'])).toEqual({
      input: 'f.csv',
      from: undefined,
      to: '2018-04-14',
      via: 'kafka',
      rate: 0,
    });
  });
});
