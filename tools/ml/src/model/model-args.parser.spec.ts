import { UsageError, parseModelArgs } from './model-args.parser';

describe('parseModelArgs', () => {
  it('reads an evaluate command with its defaults', () => {
    expect(
      parseModelArgs(['evaluate', '--protocol', 'handbook-baseline', '--data', 'd.csv.gz']),
    ).toEqual({
      command: 'evaluate',
      protocol: 'handbook-baseline',
      data: 'd.csv.gz',
      features: 'handbook-15',
      model: 'blend',
      params: {},
    });
  });

  it('folds --seed into the parameters and keeps --params', () => {
    const args = parseModelArgs([
      'evaluate',
      '--protocol=handbook-prequential',
      '--data=d',
      '--model=logreg',
      '--params={"l2":2}',
      '--seed=7',
      '--scores-out=s.csv',
    ]);
    expect(args).toMatchObject({ model: 'logreg', params: { l2: 2, seed: 7 }, scoresOut: 's.csv' });
  });

  it('reads a train command', () => {
    const argv = [
      'train',
      '--data',
      'd',
      '--from',
      '2018-07-25',
      '--to',
      '2018-07-31',
      '--output',
      'out',
    ];
    expect(parseModelArgs(argv)).toMatchObject({
      command: 'train',
      from: '2018-07-25',
      to: '2018-07-31',
      output: 'out',
    });
  });

  it('explains what is wrong, then the usage', () => {
    const cases: [string[], RegExp][] = [
      [['fit'], /unknown command "fit"/],
      [['evaluate', '--data', 'd'], /--protocol must be one of handbook-baseline/],
      [['evaluate', '--protocol', 'handbook-baseline'], /--data is required/],
      [
        ['evaluate', '--protocol', 'handbook-baseline', '--data', 'd', '--model', 'rf'],
        /--model must be one of/,
      ],
      [
        ['evaluate', '--protocol', 'handbook-baseline', '--data', 'd', '--params', '[1]'],
        /must be a JSON object/,
      ],
      [
        ['evaluate', '--protocol', 'handbook-baseline', '--data', 'd', '--params', '{'],
        /not valid JSON/,
      ],
      [
        ['evaluate', '--protocol', 'handbook-baseline', '--data', 'd', '--output', 'x'],
        /not an option of evaluate/,
      ],
      [['train', '--data', 'd', '--from', 'a', '--to', 'b'], /--output is required/],
      [['evaluate', '--bogus'], /Unknown option '--bogus'/],
    ];
    for (const [argv, message] of cases) {
      expect(() => parseModelArgs(argv)).toThrow(UsageError);
      expect(() => parseModelArgs(argv)).toThrow(message);
      expect(() => parseModelArgs(argv)).toThrow(/usage: model evaluate/);
    }
  });
});
