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
