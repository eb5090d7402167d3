import { parseSimulateArgs } from './simulate-args.parser';
import { SimulateUsageError } from './simulate-usage.error';

const REQUIRED = [
  '--customers',
  '50',
  '--terminals',
  '100',
  '--days',
  '7',
  '--seed',
  '0',
  '--output',
  'o.csv',
];

describe('parseSimulateArgs', () => {
  it('reads a full command line', () => {
    const args = parseSimulateArgs([...REQUIRED, '--start-date', '2020-02-29', '--radius', '2.5']);

    expect(args).toEqual({
      customers: 50,
      terminals: 100,
      days: 7,
      seed: 0,
      radius: 2.5,
      startDate: '2020-02-29',
      output: 'o.csv',
    });
  });

  it('defaults to the book start date and radius', () => {
    expect(parseSimulateArgs(REQUIRED)).toMatchObject({ startDate: '2018-04-01', radius: 5 });
  });

  it.each([
    ['a missing option', ['--customers', '50'], /--terminals is required/],
    ['a missing output', REQUIRED.slice(0, -2), /--output is required/],
    ['a zero count', [...REQUIRED, '--customers', '0'], /--customers must be an integer from 1 to/],
    ['an exponent', [...REQUIRED, '--days', '1e3'], /--days must be an integer .* got "1e3"/],
    ['a negative count', [...REQUIRED, '--terminals', '-4'], /--terminals/],
    [
      'a seed over 32 bits',
      [...REQUIRED, '--seed', '4294967296'],
      /--seed must be an integer from 0 to 4294967295/,
    ],
    ['a fractional seed', [...REQUIRED, '--seed', '1.5'], /--seed/],
    [
      'a zero radius',
      [...REQUIRED, '--radius', '0'],
      /--radius must be a positive number, got "0"/,
    ],
    ['a radius in words', [...REQUIRED, '--radius', 'far'], /--radius/],
    [
      'an impossible date',
      [...REQUIRED, '--start-date', '2018-02-30'],
      /--start-date must be a date YYYY-MM-DD/,
    ],
    ['a date in another format', [...REQUIRED, '--start-date', '1/4/2018'], /--start-date/],
    ['an unknown option', [...REQUIRED, '--rows', '5'], /Unknown option '--rows'/],
    ['a positional argument', [...REQUIRED, 'extra'], /positional argument/],
  ])(
    'rejects %s with a message that names the problem and shows the usage',
    (_case, argv, message) => {
      expect(() => parseSimulateArgs(argv)).toThrow(SimulateUsageError);
      expect(() => parseSimulateArgs(argv)).toThrow(message);
      expect(() => parseSimulateArgs(argv)).toThrow(/; usage: simulate --customers N/);
    },
  );
});
