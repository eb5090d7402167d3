import { parseModelArgs } from './model-args.parser';
import { UsageError } from './model-usage.error';

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

  it('reads an export command', () => {
    const argv = ['export', '--data', 'd', '--from', '2018-07-25', '--to', '2018-07-31'];
    expect(parseModelArgs([...argv, '--output', 'rows.csv'])).toEqual({
      command: 'export',
      data: 'd',
      features: 'handbook-15',
      from: '2018-07-25',
      to: '2018-07-31',
      output: 'rows.csv',
    });
  });

  it('reads an import command, with the data trained on or with a threshold', () => {
    const base = ['import', '--onnx', 'm.onnx', '--output', 'out'];
    const trainedOn = ['--data', 'd', '--from', '2018-07-25', '--to', '2018-07-31'];
    expect(parseModelArgs([...base, ...trainedOn])).toEqual({
      command: 'import',
      onnx: 'm.onnx',
      features: 'handbook-15',
      output: 'out',
      trainedOn: { data: 'd', from: '2018-07-25', to: '2018-07-31' },
    });
    expect(parseModelArgs([...base, '--threshold', '0.3', '--score-output', 'p'])).toEqual({
      command: 'import',
      onnx: 'm.onnx',
      features: 'handbook-15',
      output: 'out',
      // The float32 the scorer compares float32 scores with.
      threshold: Math.fround(0.3),
      scoreOutput: 'p',
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
      [['export', '--data', 'd', '--from', 'a', '--to', 'b'], /--output is required/],
      [['import', '--output', 'o', '--threshold', '0.5'], /--onnx is required/],
      [['import', '--onnx', 'm', '--output', 'o'], /--threshold is required without --data/],
      [
        ['import', '--onnx', 'm', '--output', 'o', '--data', 'd'],
        /--data, --from and --to go together/,
      ],
      [
        ['import', '--onnx', 'm', '--output', 'o', '--threshold', '1.5'],
        /--threshold must be a number from 0 to 1/,
      ],
      [
        ['import', '--onnx', 'm', '--output', 'o', '--threshold', '0.5', '--model', 'gbdt'],
        /not an option of import/,
      ],
    ];
    for (const [argv, message] of cases) {
      expect(() => parseModelArgs(argv)).toThrow(UsageError);
      expect(() => parseModelArgs(argv)).toThrow(message);
      expect(() => parseModelArgs(argv)).toThrow(/usage: model evaluate/);
    }
  });
});

describe('train --from-store', () => {
  const range = ['--from', '2018-06-01', '--to', '2018-06-07', '--output', 'out'];

  it('trains on the served vectors instead of a file, from the actions API', () => {
    expect(parseModelArgs(['train', '--from-store', ...range])).toMatchObject({
      command: 'train',
      fromStore: {},
      from: '2018-06-01',
    });
    expect(
      parseModelArgs(['train', '--from-store', '--url', 'http://actions:3004', ...range]),
    ).toMatchObject({ fromStore: { url: 'http://actions:3004' } });
    expect(parseModelArgs(['train', '--data', 'd.csv', ...range])).not.toHaveProperty('fromStore');
  });

  it('takes one source, and --url only with the store', () => {
    expect(() => parseModelArgs(['train', '--from-store', '--data', 'd.csv', ...range])).toThrow(
      'two sources',
    );
    expect(() => parseModelArgs(['train', '--url', 'http://a', '--data', 'd', ...range])).toThrow(
      '--url goes with --from-store',
    );
    expect(() => parseModelArgs(['train', ...range])).toThrow('--data or --from-store is required');
  });
});
