import { parseRegistryArgs } from './registry-args.parser';
import { RegistryUsageError } from './registry-usage.error';

describe('parseRegistryArgs', () => {
  it('reads publish with and without an explicit version', () => {
    expect(parseRegistryArgs(['publish', '--name', 'fraud', '--dir', 'out/m'])).toEqual({
      command: 'publish',
      name: 'fraud',
      dir: 'out/m',
      bucket: undefined,
    });
    expect(
      parseRegistryArgs([
        'publish',
        '--name',
        'fraud',
        '--dir',
        'm',
        '--version',
        '3',
        '--bucket',
        'b1',
      ]),
    ).toMatchObject({ version: '3', bucket: 'b1' });
  });

  it('promotes to the champion unless told otherwise', () => {
    expect(parseRegistryArgs(['promote', '--name', 'fraud', '--version', '2'])).toMatchObject({
      command: 'promote',
      alias: 'champion',
    });
    expect(
      parseRegistryArgs(['promote', '--name', 'fraud', '--version', '2', '--alias', 'challenger']),
    ).toMatchObject({ alias: 'challenger' });
  });

  it('reads demote as clear, for the challenger only', () => {
    expect(parseRegistryArgs(['demote', '--name', 'fraud', '--alias', 'challenger'])).toEqual({
      command: 'clear',
      name: 'fraud',
      alias: 'challenger',
      bucket: undefined,
    });
    expect(() => parseRegistryArgs(['clear', '--name', 'fraud', '--alias', 'champion'])).toThrow(
      /only the challenger can be cleared/,
    );
  });

  it('shows the champion by default, or a version, or an alias', () => {
    expect(parseRegistryArgs(['show', '--name', 'f'])).toMatchObject({
      target: { alias: 'champion' },
    });
    expect(parseRegistryArgs(['show', '--name', 'f', '--version', '4'])).toMatchObject({
      target: { version: '4' },
    });
    expect(parseRegistryArgs(['show', '--name', 'f', '--alias', 'challenger'])).toMatchObject({
      target: { alias: 'challenger' },
    });
  });

  it('reads list', () => {
    expect(parseRegistryArgs(['list', '--name', 'fraud'])).toEqual({
      command: 'list',
      name: 'fraud',
      bucket: undefined,
    });
  });

  it.each([[[]], [['--help']], [['list', '--help']]])('answers %j with help', (argv) => {
    expect(parseRegistryArgs(argv)).toEqual({ command: 'help' });
  });

  it.each([
    ['an unknown command', ['deploy', '--name', 'f'], /unknown command "deploy"/],
    ['a missing name', ['list'], /--name is required/],
    ['a missing directory', ['publish', '--name', 'f'], /--dir is required/],
    ['a missing version', ['promote', '--name', 'f'], /--version is required/],
    [
      'an empty version',
      ['publish', '--name', 'f', '--dir', 'd', '--version', ''],
      /--version is required/,
    ],
    [
      'an unknown alias',
      ['promote', '--name', 'f', '--version', '1', '--alias', 'canary'],
      /--alias must be champion or challenger, got "canary"/,
    ],
    [
      'an option the command does not take',
      ['list', '--name', 'f', '--dir', 'd'],
      /list does not take --dir/,
    ],
    [
      'both version and alias',
      ['show', '--name', 'f', '--version', '1', '--alias', 'champion'],
      /not both/,
    ],
    ['an unknown option', ['list', '--name', 'f', '--verbose'], /Unknown option '--verbose'/],
    ['a stray positional', ['list', 'fraud'], /positional/],
  ])('refuses %s as a usage error', (_case, argv, message) => {
    expect(() => parseRegistryArgs(argv)).toThrow(RegistryUsageError);
    expect(() => parseRegistryArgs(argv)).toThrow(message);
  });
});

describe('promote --if-better', () => {
  it('promotes the challenger to champion on evidence, with the default bounds', () => {
    expect(
      parseRegistryArgs(['promote', '--name', 'fraud', '--if-better', 'card-precision']),
    ).toEqual({
      command: 'promote',
      name: 'fraud',
      bucket: undefined,
      version: undefined,
      alias: 'champion',
      ifBetter: { metric: 'cardPrecision', minEvents: 1_000, minFrauds: 20 },
    });
    expect(
      parseRegistryArgs([
        'promote',
        '--name',
        'fraud',
        '--version',
        '4',
        '--if-better',
        'auc',
        '--min-events',
        '50',
        '--min-frauds',
        '0',
        '--from',
        '2018-06-01',
        '--to',
        '2018-06-07',
        '--url',
        'http://actions:3004',
      ]),
    ).toMatchObject({
      version: '4',
      ifBetter: {
        metric: 'auc',
        minEvents: 50,
        minFrauds: 0,
        from: '2018-06-01',
        to: '2018-06-07',
        url: 'http://actions:3004',
      },
    });
  });

  it.each([
    [['--if-better', 'f1'], /--if-better takes auc, ap, card-precision/],
    [['--if-better', 'auc', '--alias', 'challenger'], /champion only/],
    [['--if-better', 'auc', '--min-events', 'many'], /--min-events takes an integer/],
    [['--version', '2', '--min-events', '5'], /only go with --if-better/],
  ])('refuses %j', (extra, message) => {
    expect(() => parseRegistryArgs(['promote', '--name', 'f', ...extra])).toThrow(message);
  });
});
